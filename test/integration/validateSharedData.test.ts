import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../src/core/errors.js';
import { Timeframe } from '../../src/core/Timeframe.js';
import { resampleBarsWithCounts } from '../../src/data/resample.js';
import { validateBars } from '../../src/data/validate/validateBars.js';
import type { ValidationReport } from '../../src/data/validate/ValidationReport.js';
import { tablesFromCsv, type ParsedTable } from '../fixtures/ohlcvRows.js';
import { requireSharedData, sharedDataDir as dataDir } from '../sharedData.js';

/*
 * Validates whole files of ../shared/data and checks the counts its README states. The CSV is
 * split with a naive reader (test/fixtures/ohlcvRows.ts), independent of the production reader.
 */
const available = requireSharedData('shared-data validation tests');

function load(file: string, timeframe: Timeframe): ParsedTable[] {
  return tablesFromCsv(gunzipSync(readFileSync(path.join(dataDir, file))).toString('utf8'), timeframe);
}

function sum(reports: ValidationReport[], pick: (report: ValidationReport) => number): number {
  return reports.reduce((total, report) => total + pick(report), 0);
}

describe.skipIf(!available)('validateBars on whole shared files', () => {
  it('finds the S&P 500 problems the data README lists', () => {
    const file = 'sp500_5yr_daily_2013-2018.csv.gz';
    const tables = load(file, Timeframe.of('1d'));
    expect(tables.length).toBe(505);
    expect(sum(tables.map((t) => ({ inputRows: t.bars.length }) as ValidationReport), (r) => r.inputRows)).toBe(619_040);

    // The union of all symbols' dates is the exchange calendar: a date missing from one symbol
    // inside its own span while others traded is a real hole, not a holiday.
    const calendar = Float64Array.from(new Set(tables.flatMap((t) => Array.from(t.bars.time)))).sort();
    expect(calendar.length).toBe(1259);

    const reports = tables.map((table) => validateBars({ ...table, file }, { onInvalid: 'keep' }, { sessions: calendar, spikeFactor: 2 }).report);
    expect(sum(reports, (r) => r.rules['price-not-finite'])).toBe(11);
    expect(sum(reports, (r) => r.rules['high-below-low'])).toBe(1);
    expect(sum(reports, (r) => r.rules['low-above-open-close'])).toBe(11);
    // Not in the README: the high < low row (AOS, line 54263) also has high below its close.
    expect(sum(reports, (r) => r.rules['high-below-open-close'])).toBe(1);
    expect(sum(reports, (r) => r.invalidRows)).toBe(23);
    expect(sum(reports, (r) => r.rules['negative-volume'] + r.rules['time-not-aligned'] + r.rules['volume-not-finite'])).toBe(0);
    expect(sum(reports, (r) => r.duplicates.times + r.backwardSteps)).toBe(0);

    const highBelowLow = reports.flatMap((r) => r.samples.invalid).filter((s) => s.rules.includes('high-below-low'));
    expect(highBelowLow.map((s) => s.line)).toEqual([54263]);

    const gapped = reports.filter((r) => r.gaps.missingBars > 0).map((r) => [r.symbol, r.gaps.missingBars]);
    expect(gapped).toEqual([['BMY', 2], ['DHR', 16], ['ES', 10], ['ICE', 5], ['O', 16], ['ORCL', 2]]);
    expect(sum(reports, (r) => r.gaps.missingBars)).toBe(51);

    // README: "35 symbols starting late". 29 start after the first calendar date; 35 is the
    // number of symbols with fewer rows than the calendar, the 29 plus the 6 with holes above.
    expect(reports.filter((r) => r.firstTime !== '2013-02-08T00:00:00.000Z').length).toBe(29);
    expect(tables.filter((t) => t.bars.length < calendar.length).length).toBe(35);

    // The bad print is no rule violation; the opt-in spike check reports it (never drops it).
    // Over all 619,040 rows it reports that one row alone.
    const spikes = reports.flatMap((r) => r.samples.spike);
    expect(spikes.map((s) => s.line)).toEqual([607091]);
    expect(sum(reports, (r) => r.spikes.count)).toBe(1);
    expect(sum(reports, (r) => r.outputRows)).toBe(619_040);

    // The default policy refuses, with the line of the first bad row.
    const aos = tables.find((t) => t.symbol === 'AOS')!;
    try {
      validateBars({ ...aos, file });
      expect.unreachable();
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_DATA_INVALID_ROW')).toBe(true);
      expect((error as Error).message).toContain('line 54263');
    }

    // Without a calendar, daily gaps count weekdays: every exchange holiday shows up as a gap.
    // 2013-02-08..2018-02-07 holds 45 weekdays that are not in the calendar (NYSE holidays,
    // counted independently with Python's datetime); AAPL, with every session, has exactly those.
    const aapl = validateBars(tables.find((t) => t.symbol === 'AAPL')!).report;
    expect(aapl.gaps).toMatchObject({ basis: 'weekdays', count: 45, missingBars: 45 });
    const orcl = validateBars(tables.find((t) => t.symbol === 'ORCL')!).report;
    expect(orcl.gaps.missingBars).toBe(45 + 2);
  });

  it('finds the Binance 1h duplicates, missing hours and the bogus first bar', () => {
    const file = 'binance_spot_1h_cdd_2017-2021.csv.gz';
    const tables = load(file, Timeframe.of('1h'));
    const bySymbol = new Map(tables.map((t) => [t.symbol, t]));

    for (const symbol of ['BTCUSDT', 'ETHUSDT']) {
      try {
        validateBars({ ...bySymbol.get(symbol)!, file });
        expect.unreachable();
      } catch (error) {
        expect(isTickforgeError(error, 'TF_ERR_DATA_DUPLICATE')).toBe(true);
        expect((error as Error).message).toContain('2648 other times are duplicated');
      }
    }

    const reports = new Map(tables.map((t) => [t.symbol, validateBars({ ...t, file }, { onDuplicate: 'first' }, { spikeFactor: 2 }).report]));
    const btc = reports.get('BTCUSDT')!;
    const eth = reports.get('ETHUSDT')!;
    expect(btc.duplicates).toMatchObject({ times: 2649, extraRows: 2649, conflicting: 2649, identical: 0, conflictingPrices: 1442 });
    // ETH: one duplicated hour (lines 80163-80164) has identical values.
    expect(eth.duplicates).toMatchObject({ times: 2649, extraRows: 2649, conflicting: 2648, identical: 1, conflictingPrices: 1746 });
    // README: "closes differ by up to 0.55%" (ETH lines 82251-82252: 491.47 vs 488.78).
    expect(eth.duplicates.largestCloseDifference).toBeCloseTo(2.69 / 491.47, 12);
    expect(btc.duplicates.largestCloseDifference).toBeLessThan(eth.duplicates.largestCloseDifference);
    expect(btc.repairs.droppedDuplicates).toBe(2649);
    expect(btc.outputRows).toBe(36_062 - 2649);

    // README: "16 missing hours". That is per BTC and ETH (8 gaps each, 4 of them on 2017-09-22,
    // before ADA and BNB start); ADA and BNB miss 12 each. 16 distinct hours overall.
    expect([btc.gaps.count, btc.gaps.missingBars, eth.gaps.count, eth.gaps.missingBars]).toEqual([8, 16, 8, 16]);
    for (const symbol of ['ADAUSDT', 'BNBUSDT']) expect(reports.get(symbol)!.gaps).toMatchObject({ count: 7, missingBars: 12 });
    expect(btc.gaps.largest[0]).toEqual({ from: '2017-09-22T19:00:00.000Z', to: '2017-09-23T00:00:00.000Z', missingBars: 4 });

    for (const report of reports.values()) expect(report.invalidRows).toBe(0);
    // The bogus first bar breaks no OHLC rule; the spike check names its line.
    // ETH's first bar (line 51020: open 652.74, close 300.79) is just as bogus; nothing else is flagged.
    expect(btc.samples.spike.map((s) => s.line)).toEqual([14958]);
    expect(eth.samples.spike.map((s) => s.line)).toEqual([51020]);
    expect(reports.get('ADAUSDT')!.spikes.count + reports.get('BNBUSDT')!.spikes.count).toBe(0);

    // README: "a partial last bar": the file ends at 2021-06-10T00:00 with a small volume; a
    // 1h bar cannot tell, but resampling to 1d marks that day partial.
    const daily = resampleBarsWithCounts(validateBars(bySymbol.get('BTCUSDT')!, { onDuplicate: 'first' }).bars, '1d');
    expect(daily.partialLast).toBe(true);
    expect(daily.barCount[daily.barCount.length - 1]).toBe(1);
  });

  it('accepts the Binance 1m file: zero-volume and flat minutes are valid bars, and there are no gaps', () => {
    const file = 'binance_1m_7sym_2026-02.csv.gz';
    const tables = load(file, Timeframe.of('1m'));
    expect(tables.length).toBe(7);
    const reports = tables.map((t) => validateBars({ ...t, file }, {}, { spikeFactor: 2 }).report);
    expect(sum(reports, (r) => r.inputRows)).toBe(282_240);
    expect(sum(reports, (r) => r.outputRows)).toBe(282_240);
    expect(sum(reports, (r) => r.invalidRows + r.duplicates.times + r.backwardSteps)).toBe(0);
    expect(sum(reports, (r) => r.gaps.count + r.spikes.count)).toBe(0);
    for (const table of tables) expect(validateBars(table).bars).toBe(table.bars);
  });
});
