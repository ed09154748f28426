import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readCsvBars } from '../../src/data/csv/readCsvBars.js';
import { requireSharedData, sharedDataDir as dataDir } from '../sharedData.js';

const available = requireSharedData('real-data CSV tests');

/** An independent count: gunzip, split lines, tally the last field, count empty opens, sum closes in file order. */
function independentTally(file: string) {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  const header = lines[0].split(',');
  const closeIndex = header.indexOf('close');
  const openIndex = header.indexOf('open');
  const bySymbol = new Map<string, { rows: number; closeSum: number }>();
  let emptyOpens = 0;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const fields = lines[i].split(',');
    const symbol = fields[fields.length - 1];
    const entry = bySymbol.get(symbol) ?? { rows: 0, closeSum: 0 };
    entry.rows++;
    entry.closeSum += Number(fields[closeIndex]);
    bySymbol.set(symbol, entry);
    if (fields[openIndex] === '') emptyOpens++;
  }
  return { bySymbol, emptyOpens };
}

describe.skipIf(!available)('readCsvBars on the shared market data', () => {
  it('reads the MSFT 2000-2001 file: 249 daily bars with prices in sixteenths', async () => {
    const result = await readCsvBars(join(dataDir, 'msft_2000_2001_ohlcv.csv.gz'), { symbol: 'MSFT' });
    expect(result.rows).toBe(249);
    const [table] = result.tables;
    expect(table.symbol).toBe('MSFT'); // no symbol column: the option, else the file name stem
    expect((await readCsvBars(join(dataDir, 'msft_2000_2001_ohlcv.csv.gz'))).tables[0].symbol).toBe('msft_2000_2001_ohlcv');
    const bars = table.bars;
    expect(bars.timeframe.code).toBe('1d');
    // The first line of data: 2000-09-27T00:00:00Z,63.4375,63.5625,59.8125,60.625,53077800
    expect([bars.time[0], bars.open[0], bars.high[0], bars.low[0], bars.close[0], bars.volume[0]]).toEqual([Date.UTC(2000, 8, 27), 63.4375, 63.5625, 59.8125, 60.625, 53077800]);
    expect(bars.open[0] * 16).toBe(1015);
    expect(bars.time[248]).toBe(Date.UTC(2001, 8, 27));
    expect(Array.from(table.lineNumbers.subarray(0, 3))).toEqual([2, 3, 4]);
  });

  it('reads the Binance 1h file: 87,080 rows in 4 symbols, counts and close sums equal to an independent tally', async () => {
    const file = join(dataDir, 'binance_spot_1h_cdd_2017-2021.csv.gz');
    const result = await readCsvBars(file);
    const tally = independentTally(file);
    expect(result.rows).toBe(87_080);
    expect(result.tables.map((t) => t.symbol)).toEqual([...tally.bySymbol.keys()]);
    expect(result.tables.length).toBe(4);
    for (const table of result.tables) {
      const expected = tally.bySymbol.get(table.symbol)!;
      expect(table.bars.length, table.symbol).toBe(expected.rows);
      expect(table.bars.close.reduce((sum, x) => sum + x, 0), table.symbol).toBe(expected.closeSum);
      expect(table.bars.timeframe.code).toBe('1h');
    }
  });

  it('reads the S&P 500 file: 619,040 rows in 505 symbols, empty opens kept as NaN', async () => {
    const file = join(dataDir, 'sp500_5yr_daily_2013-2018.csv.gz');
    const result = await readCsvBars(file);
    const tally = independentTally(file);
    expect(result.rows).toBe(619_040);
    expect(result.tables.length).toBe(505);
    expect(result.tables.map((t) => t.symbol)).toEqual([...tally.bySymbol.keys()]);
    let nanOpens = 0;
    for (const table of result.tables) {
      const expected = tally.bySymbol.get(table.symbol)!;
      expect(table.bars.length, table.symbol).toBe(expected.rows);
      expect(table.bars.close.reduce((sum, x) => sum + x, 0), table.symbol).toBe(expected.closeSum);
      for (const open of table.bars.open) if (Number.isNaN(open)) nanOpens++;
    }
    expect(nanOpens).toBe(tally.emptyOpens);
    expect(nanOpens).toBe(11);
    const bhf = result.tables.find((t) => t.symbol === 'BHF')!;
    const row = bhf.bars.time.indexOf(Date.UTC(2017, 6, 26));
    expect(bhf.lineNumbers[row]).toBe(82951); // `zcat | grep -n ',,'` shows the row on line 82951
    expect(bhf.bars.close[row]).toBe(69.0842);
  });
});
