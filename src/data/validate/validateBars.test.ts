import { describe, expect, it } from 'vitest';
import { Bars } from '../../core/Bars.js';
import { isTickforgeError, type TickforgeError } from '../../core/errors.js';
import { Timeframe } from '../../core/Timeframe.js';
import { barsFromLines } from '../../../test/fixtures/ohlcvRows.js';
import { formatValidationReport } from './formatValidationReport.js';
import { validateBars } from './validateBars.js';

/*
 * Every row below is copied verbatim from ../shared/data, with its physical line number in the
 * decompressed file (line 1 is the header). Rows marked MADE UP are minimal edits, said so.
 */
const daily = Timeframe.of('1d');
const hourly = Timeframe.of('1h');
const SP500 = 'sp500_5yr_daily_2013-2018.csv.gz';
const BINANCE_1H = 'binance_spot_1h_cdd_2017-2021.csv.gz';

// sp500_5yr_daily_2013-2018.csv.gz lines 54261-54265: line 54263 has high 23.595 < low 23.85.
const aosRows = [
  [54261, '2014-05-15T00:00:00Z,23.64,23.71,23.185,23.64,1110588,AOS'],
  [54262, '2014-05-16T00:00:00Z,23.715,23.93,23.665,23.915,857496,AOS'],
  [54263, '2014-05-19T00:00:00Z,23.89,23.595,23.85,24.445,1944854,AOS'],
  [54264, '2014-05-20T00:00:00Z,24.315,24.415,24.015,24.09,1535198,AOS'],
  [54265, '2014-05-21T00:00:00Z,24.12,24.41,23.995,24.14,1108778,AOS'],
] as const;

// sp500_5yr_daily_2013-2018.csv.gz lines 78684-78688: line 78686 has low 33.08 > min(open 33.55, close 32.72).
const bbyRows = [
  [78684, '2016-03-10T00:00:00Z,34.35,34.45,33.75,34.36,4645572,BBY'],
  [78685, '2016-03-11T00:00:00Z,34.58,34.6,33.82,34.12,4986440,BBY'],
  [78686, '2016-03-14T00:00:00Z,33.55,33.75,33.08,32.72,6037794,BBY'],
  [78687, '2016-03-15T00:00:00Z,32.56,32.67,31.7,31.79,7213320,BBY'],
  [78688, '2016-03-16T00:00:00Z,31.78,32.17,31.63,32.04,5585029,BBY'],
] as const;

// sp500_5yr_daily_2013-2018.csv.gz lines 166994-166996 and 167117-167119: empty open (line 166995),
// empty open/high/low with zero volume (line 167118).
const dhrRows = [
  [166994, '2015-07-16T00:00:00Z,88.68,88.85,88.0,88.7,4356812,DHR'],
  [166995, '2015-07-17T00:00:00Z,,88.76,88.24,88.72,2056819,DHR'],
  [166996, '2015-07-20T00:00:00Z,88.72,88.84,88.41,88.58,2917293,DHR'],
  [167117, '2016-01-11T00:00:00Z,88.85,89.1,87.61,88.45,3332419,DHR'],
  [167118, '2016-01-12T00:00:00Z,,,,88.55,0,DHR'],
  [167119, '2016-01-13T00:00:00Z,89.17,89.21,86.39,86.52,2975550,DHR'],
] as const;

// sp500_5yr_daily_2013-2018.csv.gz lines 607089-607093: line 607091 is a bad print (low 5.4 on a 36.79 close).
const xlRows = [
  [607089, '2015-08-20T00:00:00Z,39.4,39.48,39.085,39.1,1624403,XL'],
  [607090, '2015-08-21T00:00:00Z,38.64,38.92,38.155,38.16,2789628,XL'],
  [607091, '2015-08-24T00:00:00Z,35.24,37.62,5.4,36.79,4215298,XL'],
  [607092, '2015-08-25T00:00:00Z,37.97,37.97,36.46,36.64,4017138,XL'],
  [607093, '2015-08-26T00:00:00Z,38.29,38.29,36.59,37.21,3926920,XL'],
] as const;

// sp500_5yr_daily_2013-2018.csv.gz lines 431356-431361: ORCL has no bars on Mon 2013-07-15 and Tue 07-16.
const orclRows = [
  [431356, '2013-07-10T00:00:00Z,31.36,31.44,31.05,31.23,28478815,ORCL'],
  [431357, '2013-07-11T00:00:00Z,31.57,32.0,31.57,31.86,33192346,ORCL'],
  [431358, '2013-07-12T00:00:00Z,31.9,32.0,31.24,31.25,157674694,ORCL'],
  [431359, '2013-07-17T00:00:00Z,32.07,32.44,32.05,32.16,22357845,ORCL'],
  [431360, '2013-07-18T00:00:00Z,31.96,32.46,31.81,32.01,23614481,ORCL'],
  [431361, '2013-07-19T00:00:00Z,32.03,32.03,31.51,31.86,28395878,ORCL'],
] as const;

// binance_spot_1h_cdd_2017-2021.csv.gz lines 40890-40900: two source segments overlap from
// 2020-08-01T23:00, each hour appears twice (8-decimal and 2-decimal spellings, values differ).
const btcDuplicateRows = [
  [40890, '2020-08-01T20:00:00Z,11769.59,11861,11653.06,11829.99,3925.67,BTCUSDT'],
  [40891, '2020-08-01T21:00:00Z,11829.99,11860,11732.2,11755,2366.45,BTCUSDT'],
  [40892, '2020-08-01T22:00:00Z,11755,11790,11696.16,11783.3,2551.49,BTCUSDT'],
  [40893, '2020-08-01T23:00:00Z,11783.31000000,11820.61000000,11731.71000000,11801.17000000,2194.59858900,BTCUSDT'],
  [40894, '2020-08-01T23:00:00Z,11783.3,11820.61,11731.71,11801.17,2194.6,BTCUSDT'],
  [40895, '2020-08-02T00:00:00Z,11801.17000000,11857.00000000,11740.00000000,11782.63000000,2872.63818400,BTCUSDT'],
  [40896, '2020-08-02T00:00:00Z,11801.17,11857,11740,11782.63,2872.64,BTCUSDT'],
  [40897, '2020-08-02T01:00:00Z,11782.63000000,11942.55000000,11772.13000000,11942.55000000,3707.13680100,BTCUSDT'],
  [40898, '2020-08-02T01:00:00Z,11782.63,11942.55,11772.13,11942.55,3707.14,BTCUSDT'],
  [40899, '2020-08-02T02:00:00Z,11942.54000000,11965.01000000,11892.88000000,11928.58000000,3785.41555900,BTCUSDT'],
  [40900, '2020-08-02T02:00:00Z,11942.55,11965.01,11892.88,11928.58,3785.42,BTCUSDT'],
] as const;

// binance_spot_1h_cdd_2017-2021.csv.gz lines 80163-80164 (the one ETH duplicate with identical
// values) and 82249-82254 (line 82252's close 488.78 differs from line 82251's 491.47 by 0.55%).
const ethDuplicateRows = [
  [80163, '2020-10-07T19:00:00Z,341.34000000,342.82000000,340.59000000,340.96000000,18378.87000000,ETHUSDT'],
  [80164, '2020-10-07T19:00:00Z,341.34,342.82,340.59,340.96,18378.87,ETHUSDT'],
  [82249, '2020-11-20T06:00:00Z,484.80000000,485.43000000,481.50000000,484.36000000,33139.35775000,ETHUSDT'],
  [82250, '2020-11-20T06:00:00Z,484.8,485.43,481.5,484.36,33139.36,ETHUSDT'],
  [82251, '2020-11-20T07:00:00Z,484.33000000,493.98000000,483.52000000,491.47000000,140034.26143000,ETHUSDT'],
  [82252, '2020-11-20T07:00:00Z,484.36,493.98,483.52,488.78,110208.6,ETHUSDT'],
  [82253, '2020-11-20T08:00:00Z,491.48000000,501.42000000,490.00000000,501.41000000,140901.66594000,ETHUSDT'],
  [82254, '2020-11-20T09:00:00Z,501.41000000,501.68000000,492.22000000,495.12000000,77493.59064000,ETHUSDT'],
] as const;

// binance_spot_1h_cdd_2017-2021.csv.gz lines 14958-14962: BTC's first bar opens at 16199.91 and
// closes at 4308.83 (high/low 3.8); every OHLC rule holds for it.
const btcFirstRows = [
  [14958, '2017-08-17T04:00:00Z,16199.91,16199.91,4261.32,4308.83,44.51,BTCUSDT'],
  [14959, '2017-08-17T05:00:00Z,4308.83,4328.69,4291.37,4315.32,23.23,BTCUSDT'],
  [14960, '2017-08-17T06:00:00Z,4315.32,4345.45,4309.37,4324.35,7.23,BTCUSDT'],
  [14961, '2017-08-17T07:00:00Z,4324.35,4349.99,4287.41,4349.99,4.44,BTCUSDT'],
  [14962, '2017-08-17T08:00:00Z,4349.99,4377.85,4333.32,4360.69,0.9499,BTCUSDT'],
] as const;

// binance_spot_1h_cdd_2017-2021.csv.gz lines 15835-15839: BTC has no bars 2017-09-22T20:00..23:00.
const btcGapRows = [
  [15835, '2017-09-22T17:00:00Z,3550,3569.97,3520,3557.01,32.22,BTCUSDT'],
  [15836, '2017-09-22T18:00:00Z,3557.01,3580,3545.54,3559.99,24.3,BTCUSDT'],
  [15837, '2017-09-22T19:00:00Z,3559.99,3590,3542.92,3590,26.37,BTCUSDT'],
  [15838, '2017-09-23T00:00:00Z,3595.87,3615.06,3559.88,3599.72,28.29,BTCUSDT'],
  [15839, '2017-09-23T01:00:00Z,3599.72,3599.72,3542.91,3584.49,27.8,BTCUSDT'],
] as const;

function refusalOf(run: () => unknown): TickforgeError {
  try {
    run();
  } catch (error) {
    if (isTickforgeError(error)) return error;
    throw error;
  }
  throw new Error('expected validateBars to refuse the input');
}

describe('validateBars: row rules on real rows', () => {
  it('refuses high < low naming file, symbol, line, rule, values and the repair options', () => {
    const table = barsFromLines(daily, aosRows);
    const error = refusalOf(() => validateBars({ ...table, file: SP500 }));
    expect(error.code).toBe('TF_ERR_DATA_INVALID_ROW');
    expect(error.message).toContain(SP500);
    expect(error.message).toContain('symbol AOS');
    expect(error.message).toContain('line 54263');
    expect(error.message).toContain('high-below-low');
    expect(error.message).toContain('high 23.595 < low 23.85');
    // The same row also has high below the close; both rules are named.
    expect(error.message).toContain('high 23.595 < max(open 23.89, close 24.445)');
    expect(error.message).toContain('0 other rows break row rules');
    expect(error.message).toContain('--on-invalid drop');
    expect(error.message).toContain('--on-invalid fix');
    expect(error.message).toContain('--on-invalid keep');
    expect(error.details).toMatchObject({ file: SP500, symbol: 'AOS', line: 54263, row: 2, invalidRows: 1 });
    expect((error.details.rows as unknown[]).length).toBe(1);
  });

  it('drops, fixes or keeps the high < low row and counts each repair', () => {
    const table = barsFromLines(daily, aosRows);

    const dropped = validateBars(table, { onInvalid: 'drop' });
    expect(dropped.report.rules['high-below-low']).toBe(1);
    expect(dropped.report.rules['high-below-open-close']).toBe(1);
    expect(dropped.report.rules['low-above-open-close']).toBe(0);
    expect(dropped.report.invalidRows).toBe(1);
    expect(dropped.report.repairs).toEqual({ sortedRows: 0, droppedInvalid: 1, fixedBounds: 0, keptInvalid: 0, droppedDuplicates: 0 });
    expect(dropped.report.outputRows).toBe(4);
    expect(Array.from(dropped.bars.close)).toEqual([23.64, 23.915, 24.09, 24.14]);

    const fixed = validateBars(table, { onInvalid: 'fix' });
    expect(fixed.report.repairs).toEqual({ sortedRows: 0, droppedInvalid: 0, fixedBounds: 1, keptInvalid: 0, droppedDuplicates: 0 });
    // high := max(23.89, 23.595, 23.85, 24.445), low := min(...): no price is invented.
    expect(fixed.bars.high[2]).toBe(24.445);
    expect(fixed.bars.low[2]).toBe(23.595);
    expect(fixed.bars.open[2]).toBe(23.89);
    expect(fixed.bars.close[2]).toBe(24.445);
    expect(table.bars.high[2]).toBe(23.595); // the input is not modified

    const kept = validateBars(table, { onInvalid: 'keep' });
    expect(kept.report.repairs).toEqual({ sortedRows: 0, droppedInvalid: 0, fixedBounds: 0, keptInvalid: 1, droppedDuplicates: 0 });
    expect(kept.bars).toBe(table.bars);
    expect(kept.report.samples.invalid[0]).toMatchObject({ line: 54263, rules: ['high-below-low', 'high-below-open-close'] });

    // The proof the simulator trusts: on repaired output, never on output that kept the bad row.
    expect(dropped.bars.validation).toEqual({ lowestLow: 23.185 });
    expect(fixed.bars.validation).toEqual({ lowestLow: 23.185 });
    expect(kept.bars.validation).toBeUndefined();
  });

  it('withdraws an earlier proof when the same instance, changed in place, keeps a bad row', () => {
    const table = barsFromLines(daily, aosRows.filter(([line]) => line !== 54263));
    expect(validateBars(table).bars.validation).toEqual({ lowestLow: 23.185 });
    expect(table.bars.slice(1).validation).toEqual({ lowestLow: 23.185 });
    table.bars.volume[1] = -1;
    expect(validateBars(table, { onInvalid: 'keep' }).bars.validation).toBeUndefined();
    expect(table.bars.validation).toBeUndefined();
  });

  it('refuses low > min(open, close) and fix lowers the low to the close', () => {
    const table = barsFromLines(daily, bbyRows);
    const error = refusalOf(() => validateBars({ ...table, file: SP500 }));
    expect(error.code).toBe('TF_ERR_DATA_INVALID_ROW');
    expect(error.message).toContain('symbol BBY');
    expect(error.message).toContain('line 78686');
    expect(error.message).toContain('low-above-open-close');
    expect(error.message).toContain('low 33.08 > min(open 33.55, close 32.72)');

    const fixed = validateBars(table, { onInvalid: 'fix' });
    expect(fixed.report.rules['low-above-open-close']).toBe(1);
    expect(fixed.report.repairs.fixedBounds).toBe(1);
    expect(fixed.bars.low[2]).toBe(32.72);
    expect(fixed.bars.high[2]).toBe(33.75);

    const dropped = validateBars(table, { onInvalid: 'drop' });
    expect(dropped.report.repairs.droppedInvalid).toBe(1);
    expect(dropped.report.outputRows).toBe(4);
  });

  it('refuses empty open/high/low fields; fix drops those rows instead of inventing prices', () => {
    const table = barsFromLines(daily, dhrRows);
    const error = refusalOf(() => validateBars({ ...table, file: SP500 }));
    expect(error.code).toBe('TF_ERR_DATA_INVALID_ROW');
    expect(error.message).toContain('symbol DHR');
    expect(error.message).toContain('line 166995');
    expect(error.message).toContain('price-not-finite');
    expect(error.message).toContain('open is missing (empty or NaN)');
    expect(error.message).toContain('1 other row breaks row rules in DHR (all rows: price-not-finite 2)');
    expect((error.details.rows as Array<{ line: number; description: string }>)[1]).toMatchObject({
      line: 167118,
      description: 'open is missing (empty or NaN), high is missing (empty or NaN), low is missing (empty or NaN)',
    });

    const dropped = validateBars(table, { onInvalid: 'drop' });
    expect(dropped.report.rules['price-not-finite']).toBe(2);
    expect(dropped.report.repairs.droppedInvalid).toBe(2);
    expect(dropped.report.outputRows).toBe(4);

    const fixed = validateBars(table, { onInvalid: 'fix' });
    expect(fixed.report.repairs).toEqual({ sortedRows: 0, droppedInvalid: 2, fixedBounds: 0, keptInvalid: 0, droppedDuplicates: 0 });
    expect(Array.from(fixed.bars.close)).toEqual([88.7, 88.58, 88.45, 86.52]);

    const kept = validateBars(table, { onInvalid: 'keep' });
    expect(kept.report.repairs.keptInvalid).toBe(2);
    expect(kept.report.outputRows).toBe(6);
    expect(Number.isNaN(kept.bars.open[1])).toBe(true);
  });

  it('accepts the bad print (low 5.4 on a 36.79 close): it breaks no OHLC rule, only the opt-in spike check sees it', () => {
    const table = barsFromLines(daily, xlRows);
    const { bars, report } = validateBars({ ...table, file: SP500 });
    expect(bars).toBe(table.bars);
    expect(report.invalidRows).toBe(0);
    expect(report.spikes).toEqual({ checked: false, factor: null, count: 0 });

    const checked = validateBars({ ...table, file: SP500 }, {}, { spikeFactor: 2 });
    expect(checked.report.spikes).toEqual({ checked: true, factor: 2, count: 1 });
    expect(checked.report.samples.spike[0]).toMatchObject({ line: 607091, time: '2015-08-24T00:00:00.000Z' });
    expect(checked.report.outputRows).toBe(5); // reported, never dropped
  });

  it('accepts the bogus first Binance bar (high/low 3.8) by the OHLC rules; the spike check flags it alone', () => {
    const table = barsFromLines(hourly, btcFirstRows);
    const { report } = validateBars({ ...table, file: BINANCE_1H }, {}, { spikeFactor: 2 });
    expect(report.invalidRows).toBe(0);
    expect(report.spikes.count).toBe(1);
    expect(report.samples.spike.map((sample) => sample.line)).toEqual([14958]);
  });

  it('refuses a negative volume; fix drops the row (any volume would be invented), keep passes it', () => {
    // MADE UP: ORCL line 431357 with its volume negated.
    const table = barsFromLines(daily, [orclRows[0], [431357, '2013-07-11T00:00:00Z,31.57,32.0,31.57,31.86,-33192346,ORCL'], orclRows[2]]);
    const error = refusalOf(() => validateBars({ ...table, file: 'orcl.csv' }));
    expect(error.code).toBe('TF_ERR_DATA_INVALID_ROW');
    expect(error.message).toContain('orcl.csv, symbol ORCL (1d), line 431357');
    expect(error.message).toContain('negative-volume');
    expect(error.message).toContain('volume -33192346 < 0');

    const fixed = validateBars(table, { onInvalid: 'fix' });
    expect(fixed.report.rules['negative-volume']).toBe(1);
    expect(fixed.report.repairs).toEqual({ sortedRows: 0, droppedInvalid: 1, fixedBounds: 0, keptInvalid: 0, droppedDuplicates: 0 });
    const kept = validateBars(table, { onInvalid: 'keep' });
    expect(kept.report.repairs.keptInvalid).toBe(1);
    expect(kept.bars.volume[1]).toBe(-33192346);
  });

  it('refuses a daily bar off the day grid (13:00) as a wrong timeframe or time zone', () => {
    // MADE UP: ORCL line 431358 moved to 13:00 UTC.
    const table = barsFromLines(daily, [orclRows[0], orclRows[1], [431358, '2013-07-12T13:00:00Z,31.9,32.0,31.24,31.25,157674694,ORCL']]);
    const error = refusalOf(() => validateBars(table));
    expect(error.code).toBe('TF_ERR_DATA_INVALID_ROW');
    expect(error.message).toContain('time-not-aligned');
    expect(error.message).toContain('time 2013-07-12T13:00:00.000Z is not on the 1d grid (expected 2013-07-12T00:00:00.000Z');
    const fixed = validateBars(table, { onInvalid: 'fix' });
    expect(fixed.report.repairs.droppedInvalid).toBe(1);
    expect(fixed.report.outputRows).toBe(2);
  });

  it('checks weekly bars against Monday opens', () => {
    const weekly = Timeframe.of('1w');
    // MADE UP: 2024-01-01 is a Monday, 2024-01-14 a Sunday.
    const table = barsFromLines(weekly, [
      [2, '2024-01-01T00:00:00Z,10,11,9,10.5,100,W'],
      [3, '2024-01-08T00:00:00Z,10.5,12,10,11,100,W'],
      [4, '2024-01-14T00:00:00Z,11,12,10,11,100,W'],
    ]);
    const { report } = validateBars(table, { onInvalid: 'keep' });
    expect(report.rules['time-not-aligned']).toBe(1);
    expect(report.samples.invalid[0].line).toBe(4);
  });

  it('drops a row without a finite time under every repair policy, keep included, and counts it', () => {
    // MADE UP: an unparseable time arrives as NaN.
    const table = barsFromLines(daily, [orclRows[0], [431357, 'not-a-time,31.57,32.0,31.57,31.86,33192346,ORCL'], orclRows[2]]);
    for (const onInvalid of ['drop', 'fix', 'keep'] as const) {
      const { report } = validateBars(table, { onInvalid });
      expect(report.rules['time-not-finite']).toBe(1);
      expect(report.repairs.droppedInvalid).toBe(1);
      expect(report.repairs.keptInvalid).toBe(0);
      expect(report.outputRows).toBe(2);
    }
  });

  it('names the 0-based row when no line numbers are given', () => {
    const { bars } = barsFromLines(daily, aosRows);
    const error = refusalOf(() => validateBars({ bars }));
    expect(error.message).toContain('(no file), symbol AOS (1d), row 2 (0-based; no line numbers were given)');
  });
});

describe('validateBars: duplicates on real rows', () => {
  it('refuses duplicated hours naming both lines, the conflicting values and the repair options', () => {
    const table = barsFromLines(hourly, btcDuplicateRows);
    const error = refusalOf(() => validateBars({ ...table, file: BINANCE_1H }));
    expect(error.code).toBe('TF_ERR_DATA_DUPLICATE');
    expect(error.message).toContain(BINANCE_1H);
    expect(error.message).toContain('symbol BTCUSDT (1h), line 40894');
    expect(error.message).toContain('same time as line 40893');
    expect(error.message).toContain('unique-times');
    expect(error.message).toContain('2 rows share time 2020-08-01T23:00:00.000Z');
    expect(error.message).toContain('open 11783.31 vs 11783.3');
    expect(error.message).toContain('volume 2194.598589 vs 2194.6');
    expect(error.message).toContain('3 other times are duplicated in BTCUSDT (4 of 4 with conflicting values, 2 with conflicting prices)');
    expect(error.message).toContain('--on-duplicate first');
    expect(error.message).toContain('--on-duplicate last');
    expect(error.details).toMatchObject({ line: 40894, duplicates: { times: 4, extraRows: 4, conflicting: 4, identical: 0, conflictingPrices: 2 } });
  });

  it('keeps the first or the last row of each duplicated hour and counts the dropped rows', () => {
    const table = barsFromLines(hourly, btcDuplicateRows);
    const first = validateBars(table, { onDuplicate: 'first' });
    expect(first.report.repairs).toEqual({ sortedRows: 0, droppedInvalid: 0, fixedBounds: 0, keptInvalid: 0, droppedDuplicates: 4 });
    expect(first.report.outputRows).toBe(7);
    expect(Array.from(first.bars.time)).toEqual([20, 21, 22, 23, 24, 25, 26].map((h) => Date.UTC(2020, 7, 1, h)));
    expect(first.bars.open[3]).toBe(11783.31); // line 40893
    expect(first.bars.volume[3]).toBe(2194.598589);
    expect(first.bars.open[6]).toBe(11942.54); // line 40899

    const last = validateBars(table, { onDuplicate: 'last' });
    expect(last.report.repairs.droppedDuplicates).toBe(4);
    expect(last.bars.open[3]).toBe(11783.3); // line 40894
    expect(last.bars.volume[3]).toBe(2194.6);
    expect(last.bars.open[6]).toBe(11942.55); // line 40900
  });

  it('tells identical duplicates from conflicting ones and measures the largest close difference', () => {
    const table = barsFromLines(hourly, ethDuplicateRows);
    const { report } = validateBars({ ...table, file: BINANCE_1H }, { onDuplicate: 'first' });
    expect(report.duplicates).toMatchObject({ times: 3, extraRows: 3, identical: 1, conflicting: 2, conflictingPrices: 1 });
    // |488.78 - 491.47| / 491.47 = 0.0054733758...
    expect(report.duplicates.largestCloseDifference).toBeCloseTo(2.69 / 491.47, 12);
    expect(report.samples.duplicate.map((sample) => [sample.otherLine, sample.line])).toEqual([[80163, 80164], [82249, 82250], [82251, 82252]]);
    expect(report.samples.duplicate[0].description).toContain('identical values');
  });
});

describe('validateBars: order', () => {
  // Real ORCL rows (lines 431356-431359) given out of file order, as a merged or concatenated input would be.
  const shuffled = [orclRows[0], orclRows[2], orclRows[1], orclRows[3]] as const;

  it('refuses times that go backwards naming both lines and the sort option', () => {
    const table = barsFromLines(daily, shuffled);
    const error = refusalOf(() => validateBars({ ...table, file: SP500 }));
    expect(error.code).toBe('TF_ERR_DATA_UNSORTED');
    expect(error.message).toContain('symbol ORCL (1d), line 431357');
    expect(error.message).toContain('sorted-times');
    expect(error.message).toContain('time 2013-07-11T00:00:00.000Z is earlier than the previous row\'s 2013-07-12T00:00:00.000Z (line 431358)');
    expect(error.message).toContain('Times go backwards at 0 other places');
    expect(error.message).toContain('--on-unsorted sort');
  });

  it('sorts when asked and counts the rows moved', () => {
    const table = barsFromLines(daily, shuffled);
    const { bars, report } = validateBars(table, { onUnsorted: 'sort' });
    expect(report.backwardSteps).toBe(1);
    expect(report.repairs.sortedRows).toBe(2);
    expect(Array.from(bars.close)).toEqual([31.23, 31.86, 31.25, 32.16]);
  });

  it('resolves duplicates after a stable sort, so first and last follow file order', () => {
    // MADE UP: a second 2013-07-10 row with close 31.3 arrives after line 431357.
    const table = barsFromLines(daily, [orclRows[0], orclRows[1], [9, '2013-07-10T00:00:00Z,31.36,31.44,31.05,31.3,28478815,ORCL']]);
    const error = refusalOf(() => validateBars(table, { onDuplicate: 'first' }));
    expect(error.code).toBe('TF_ERR_DATA_UNSORTED');
    expect(error.message).toContain('Also found: 1 duplicated time.');
    const first = validateBars(table, { onUnsorted: 'sort', onDuplicate: 'first' });
    expect(Array.from(first.bars.close)).toEqual([31.23, 31.86]);
    const last = validateBars(table, { onUnsorted: 'sort', onDuplicate: 'last' });
    // Sorted order is [line 431356, line 9, line 431357]: two rows changed position.
    expect(Array.from(last.bars.close)).toEqual([31.3, 31.86]);
    expect(last.report.repairs).toEqual({ sortedRows: 2, droppedInvalid: 0, fixedBounds: 0, keptInvalid: 0, droppedDuplicates: 1 });
    expect(last.report.inputRows).toBe(last.report.outputRows + last.report.repairs.droppedInvalid + last.report.repairs.droppedDuplicates);
  });
});

describe('validateBars: gaps are reported, never refused', () => {
  it('counts missing weekdays for daily bars (Mon 15 and Tue 16 July 2013 for ORCL), not the weekend', () => {
    const table = barsFromLines(daily, orclRows);
    const { bars, report } = validateBars(table);
    expect(bars).toBe(table.bars);
    expect(report.gaps).toEqual({
      basis: 'weekdays', count: 1, missingBars: 2,
      largest: [{ from: '2013-07-12T00:00:00.000Z', to: '2013-07-17T00:00:00.000Z', missingBars: 2 }],
    });
    // On the plain day grid Saturday and Sunday count too.
    expect(validateBars(table, {}, { gapBasis: 'grid' }).report.gaps.missingBars).toBe(4);
    // Against a session calendar that (hypothetically) closed on the 15th, only the 16th is missing.
    const sessions = [10, 11, 12, 16, 17, 18, 19].map((day) => Date.UTC(2013, 6, day));
    expect(validateBars(table, {}, { sessions }).report.gaps).toMatchObject({ basis: 'sessions', count: 1, missingBars: 1 });
  });

  it('counts every missing hour of intraday crypto bars (4 hours on 2017-09-22 for BTC)', () => {
    const table = barsFromLines(hourly, btcGapRows);
    const { report } = validateBars(table);
    expect(report.gaps).toEqual({
      basis: 'grid', count: 1, missingBars: 4,
      largest: [{ from: '2017-09-22T19:00:00.000Z', to: '2017-09-23T00:00:00.000Z', missingBars: 4 }],
    });
  });

  it('counts weekday bars of an intraday grid when asked (Friday 22:00 to Monday 01:00 misses 2 hours)', () => {
    // MADE UP: 2024-01-05 is a Friday.
    const table = barsFromLines(hourly, [
      [2, '2024-01-05T22:00:00Z,1,1,1,1,1,FX'],
      [3, '2024-01-08T01:00:00Z,1,1,1,1,1,FX'],
    ]);
    expect(validateBars(table, {}, { gapBasis: 'weekdays' }).report.gaps.missingBars).toBe(2); // Fri 23:00, Mon 00:00
    expect(validateBars(table).report.gaps.missingBars).toBe(50);
  });
});

describe('validateBars: report', () => {
  it('is plain JSON and accounts for every input row', () => {
    const table = barsFromLines(hourly, [...btcDuplicateRows]);
    const { report } = validateBars({ ...table, file: BINANCE_1H }, { onDuplicate: 'last' }, { spikeFactor: 2 });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(report.inputRows).toBe(report.outputRows + report.repairs.droppedInvalid + report.repairs.droppedDuplicates);
  });

  it('formats only the non-zero lines', () => {
    const table = barsFromLines(hourly, btcDuplicateRows);
    const { report } = validateBars({ ...table, file: BINANCE_1H }, { onDuplicate: 'first' });
    expect(formatValidationReport(report)).toBe([
      `BTCUSDT 1h (${BINANCE_1H}): 11 rows in, 7 out, 2020-08-01T20:00:00.000Z .. 2020-08-02T02:00:00.000Z`,
      '  duplicated times: 4 (4 extra rows; 4 with conflicting values, 0 identical, 2 with conflicting prices)',
      '    e.g. line 40894 2020-08-01T23:00:00.000Z: 2 rows share time 2020-08-01T23:00:00.000Z; conflicting values: open 11783.31 vs 11783.3, volume 2194.598589 vs 2194.6',
      '    e.g. line 40896 2020-08-02T00:00:00.000Z: 2 rows share time 2020-08-02T00:00:00.000Z; conflicting values: volume 2872.638184 vs 2872.64',
      '    e.g. line 40898 2020-08-02T01:00:00.000Z: 2 rows share time 2020-08-02T01:00:00.000Z; conflicting values: volume 3707.136801 vs 3707.14',
      '  repaired: dropped 4 duplicated rows, kept the first of each time',
    ].join('\n'));

    const clean = validateBars(barsFromLines(daily, xlRows)).report;
    expect(formatValidationReport(clean)).toBe('XL 1d: 5 rows in, 5 out, 2015-08-20T00:00:00.000Z .. 2015-08-26T00:00:00.000Z');
  });

  it('returns empty bars unchanged with an empty report', () => {
    const empty = Bars.empty('NONE', daily);
    const { bars, report } = validateBars({ bars: empty });
    expect(bars).toBe(empty);
    expect(report).toMatchObject({ inputRows: 0, outputRows: 0, firstTime: null, lastTime: null, gaps: { count: 0, missingBars: 0 } });
  });
});
