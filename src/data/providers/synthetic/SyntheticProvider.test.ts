import { describe, expect, it } from 'vitest';
import { Bars, Timeframe } from '../../../core/index.js';
import { SyntheticProvider } from './SyntheticProvider.js';

const hour = Timeframe.of('1h');

async function fetchAll(provider: SyntheticProvider, symbol: string, from: number, to: number): Promise<Bars> {
  const pages: Bars[] = [];
  for await (const page of provider.fetchBars(symbol, hour, from, to)) pages.push(page);
  return Bars.concat(pages);
}

describe('SyntheticProvider', () => {
  it('serves the same bars whether a range is asked at once or in pieces, by fresh instances too', async () => {
    const from = Date.UTC(2024, 2, 1);
    const middle = Date.UTC(2024, 3, 1);
    const to = Date.UTC(2024, 4, 1);
    const whole = await fetchAll(new SyntheticProvider({ market: 'crypto' }), 'BTC', from, to);
    const pieces = new SyntheticProvider({ market: 'crypto', pageSize: 100 });
    const joined = Bars.concat([await fetchAll(pieces, 'BTC', from, middle - 1), await fetchAll(pieces, 'BTC', middle, to)]);
    expect(whole.length).toBe((to - from) / 3_600_000 + 1);
    expect(Array.from(joined.close)).toEqual(Array.from(whole.close));
    expect(Array.from(joined.time)).toEqual(Array.from(whole.time));
  });

  it('gives each symbol its own path, and a seed its own market', async () => {
    const from = Date.UTC(2024, 2, 1);
    const to = Date.UTC(2024, 2, 8);
    const provider = new SyntheticProvider({ market: 'crypto' });
    const btc = await fetchAll(provider, 'BTC', from, to);
    const eth = await fetchAll(provider, 'ETH', from, to);
    const other = await fetchAll(new SyntheticProvider({ market: 'crypto', seed: 7 }), 'BTC', from, to);
    expect(btc.close[10]).not.toBe(eth.close[10]);
    expect(btc.close[10]).not.toBe(other.close[10]);
  });

  it('trades on weekdays as an equity market and continuously as a crypto market, from its origin', () => {
    expect(new SyntheticProvider().calendar()).toBe('weekdays');
    expect(new SyntheticProvider({ market: 'crypto' }).calendar()).toBe('continuous');
    expect(new SyntheticProvider().limits.earliestTime(Timeframe.of('1d'))).toBe(Date.UTC(2000, 0, 3));
    expect(new SyntheticProvider().limits.earliestTime(hour)).toBe(Date.UTC(2024, 0, 1));
  });
});
