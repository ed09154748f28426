import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Bars, isTickforgeError, Timeframe } from '../../../core/index.js';
import { FileProvider } from './FileProvider.js';

const excerpt = join(import.meta.dirname, '..', '..', '..', '..', 'test', 'fixtures', 'sp500_excerpt.csv');
const day = Timeframe.of('1d');
const directory = mkdtempSync(join(tmpdir(), 'tickforge-file-provider-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function all(provider: FileProvider, symbol: string, from = -Infinity, to = Infinity): Promise<Bars> {
  const pages: Bars[] = [];
  for await (const page of provider.fetchBars(symbol, day, from, to)) pages.push(page);
  return pages.length === 0 ? Bars.empty(symbol, day) : Bars.concat(pages);
}

describe('FileProvider', () => {
  it('serves each symbol of a multi-symbol file, restricted to the asked range', async () => {
    const provider = await FileProvider.open([excerpt]);
    expect(await provider.listSymbols()).toEqual(['A', 'BHF', 'DHR']);
    expect(provider.supportsTimeframe(day)).toBe(true);
    expect(provider.supportsTimeframe(Timeframe.of('1h'))).toBe(false);
    expect(provider.calendar('A')).toBe('weekdays');
    const a = await all(provider, 'A');
    expect(a.length).toBe(10);
    expect(a.close[1]).toBe(44.6);
    const part = await all(provider, 'A', Date.parse('2013-02-11T00:00:00Z'), Date.parse('2013-02-13T00:00:00Z'));
    expect(Array.from(part.time).map((time) => new Date(time).toISOString().slice(0, 10))).toEqual(['2013-02-11', '2013-02-12', '2013-02-13']);
  });

  it('serves one file per symbol from a directory, named by file stem, and keeps file order for validation to judge', async () => {
    writeFileSync(join(directory, 'BTC.csv'), 'time,open,high,low,close,volume\n2024-01-02,2,3,1,2,10\n2024-01-01,1,2,1,2,10\n2024-01-06,2,3,1,2,10\n');
    writeFileSync(join(directory, 'ETH.csv'), 'time,open,high,low,close,volume\n2024-01-01,1,2,1,2,10\n');
    const provider = await FileProvider.open([directory], { timeframe: '1d' });
    expect(await provider.listSymbols()).toEqual(['BTC', 'ETH']);
    const btc = await all(provider, 'BTC');
    expect(Array.from(btc.time)).toEqual([Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 6)]);
    // A Saturday bar says the market trades at weekends.
    expect(provider.calendar('BTC')).toBe('continuous');
    expect(provider.calendar('ETH')).toBe('weekdays');
  });

  it('names the files and the symbols they hold when asked for another symbol', async () => {
    const provider = await FileProvider.open([excerpt]);
    const error = await all(provider, 'MSFT').catch((caught: unknown) => caught);
    expect(isTickforgeError(error, 'TF_ERR_PROVIDER_SYMBOL')).toBe(true);
    expect((error as Error).message).toContain('sp500_excerpt.csv');
    expect((error as Error).message).toContain('A, BHF, DHR');
  });

  it('passes on the readers\' errors for a missing path', async () => {
    await expect(FileProvider.open([join(directory, 'nope.csv')])).rejects.toSatisfy((error) => isTickforgeError(error, 'TF_ERR_DATA_FILE_NOT_FOUND'));
  });
});
