import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { Bars, BarsBuilder, Timeframe, isTickforgeError, type BarColumnName, type ErrorCode } from '../../src/core/index.js';
import type { CandleStore, FetchedSpan } from '../../src/store/ports.js';
import { requireSharedData, sharedDataDir as dataDir } from '../sharedData.js';
import { syntheticBatch } from './fixtures/syntheticBatch.js';

/**
 * What every CandleStore adapter must do, whatever engine is behind it: the port's semantics
 * (idempotent upserts with exact counts, inclusive sorted range reads, NaN kept, coverage, the
 * fetch ledger), checked on real market data where it matters. Each adapter's test file runs it
 * with a harness that opens fresh stores; engine-specific behaviour (locks, crashes, servers)
 * stays in that file.
 */
export interface CandleStoreContractHarness {
  /** Opens a new, empty store; every call a different location. */
  open(): Promise<CandleStore>;
  /** Opens again the location `store` was opened at (after `store` was closed); omit when nothing persists. */
  reopen?(store: CandleStore): Promise<CandleStore>;
}

const day = Timeframe.of('1d');
const columnNames: BarColumnName[] = ['time', 'open', 'high', 'low', 'close', 'volume'];

/** A deliberately naive reader (the real CSV reader lives in src/data): empty fields become NaN. */
export function readOhlcvGz(file: string, wanted?: ReadonlySet<string>, fallbackSymbol = 'MSFT'): Map<string, Bars> {
  const lines = gunzipSync(readFileSync(join(dataDir, file))).toString('utf8').split('\n');
  const builders = new Map<string, BarsBuilder>();
  for (let index = 1; index < lines.length; index++) {
    if (lines[index] === '') continue;
    const fields = lines[index].split(',');
    const symbol = fields[6] ?? fallbackSymbol;
    if (wanted !== undefined && !wanted.has(symbol)) continue;
    let builder = builders.get(symbol);
    if (builder === undefined) builders.set(symbol, (builder = new BarsBuilder(symbol)));
    const number = (text: string) => (text === '' ? NaN : Number(text));
    builder.push(Date.parse(fields[0]), number(fields[1]), number(fields[2]), number(fields[3]), number(fields[4]), number(fields[5]));
  }
  return new Map([...builders].map(([symbol, builder]) => [symbol, builder.build(day)]));
}

/** Column-by-column exact equality (Object.is, so NaN matches NaN and -0 differs from 0). */
export function expectSameBars(actual: Bars, expected: Bars): void {
  expect(actual.symbol).toBe(expected.symbol);
  expect(actual.timeframe).toBe(expected.timeframe);
  expect(actual.length).toBe(expected.length);
  for (const name of columnNames) {
    const a = actual[name];
    const e = expected[name];
    for (let row = 0; row < e.length; row++) {
      if (!Object.is(a[row], e[row])) {
        throw new Error(`${expected.symbol} column ${name} row ${row}: stored ${a[row]}, expected ${e[row]}`);
      }
    }
  }
}

/** Resolves with the error when `promise` rejects with a TickforgeError of `code`; fails otherwise. */
export function expectCode(promise: Promise<unknown>, code: ErrorCode) {
  return promise.then(
    () => { throw new Error(`expected ${code}`); },
    (error: unknown) => {
      if (!isTickforgeError(error, code)) throw error;
      return error;
    },
  );
}

async function using<T>(store: CandleStore, body: (store: CandleStore) => Promise<T>): Promise<T> {
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}

function series(symbol: string, timeframe: string, times: number[], fill = 1): Bars {
  const bars = Bars.allocate(symbol, Timeframe.parse(timeframe), times.length);
  bars.time.set(times);
  bars.open.fill(fill);
  bars.high.fill(fill);
  bars.low.fill(fill);
  bars.close.fill(fill);
  return bars;
}

const dates = (days: string[]) => days.map((d) => Date.parse(`${d}T00:00:00Z`));

export function describeCandleStoreContract(name: string, harness: CandleStoreContractHarness): void {
  const available = requireSharedData(`the real-data ${name} contract tests`);

  describe.skipIf(!available)(`${name}: the CandleStore contract on real market data`, () => {
    let sp500: Map<string, Bars>;
    let msft2000: Bars;
    beforeAll(() => {
      // BHF, DHR, REGN and WRK carry rows with empty open/high/low in the source file.
      sp500 = readOhlcvGz('sp500_5yr_daily_2013-2018.csv.gz', new Set(['MSFT', 'AAPL', 'BHF', 'DHR', 'REGN', 'WRK']));
      msft2000 = readOhlcvGz('msft_2000_2001_ohlcv.csv.gz').get('MSFT')!;
    });

    it('stores and reads back every value exactly, NaN fields included', async () => {
      await using(await harness.open(), async (store) => {
        const msftOld = await store.upsertBars(msft2000);
        expect(msftOld).toEqual({ symbol: 'MSFT', timeframe: '1d', received: 249, inserted: 249, updated: 0, unchanged: 0 });
        const list = [...sp500.values()].filter((bars) => bars.symbol !== 'MSFT');
        const results = await store.upsertMany(list);
        expect(results.map((r) => [r.symbol, r.inserted])).toEqual(list.map((bars) => [bars.symbol, bars.length]));
        expect(Number.isNaN(sp500.get('DHR')!.open[sp500.get('DHR')!.time.indexOf(Date.UTC(2016, 0, 12))])).toBe(true);
        for (const bars of list) expectSameBars(await store.readBars(bars.symbol, '1d'), bars);
        expectSameBars(await store.readBars('MSFT', day), msft2000);
      });
    });

    it('changes nothing when the same data is ingested again', async () => {
      await using(await harness.open(), async (store) => {
        const list = [...sp500.values()];
        await store.upsertMany(list);
        const before = await store.coverage();
        const again = await store.upsertMany(list);
        for (const [index, result] of again.entries()) {
          expect(result).toEqual({ symbol: list[index].symbol, timeframe: '1d', received: list[index].length, inserted: 0, updated: 0, unchanged: list[index].length });
        }
        expect(await store.coverage()).toEqual(before);
        const bySymbol = [...list].sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
        expect(before.map((entry) => [entry.symbol, entry.count])).toEqual(bySymbol.map((bars) => [bars.symbol, bars.length]));
      });
    });

    it('adds only the new bars of an overlapping file and counts a changed bar as updated', async () => {
      const msft = sp500.get('MSFT')!;
      expect(msft.length).toBe(1259);
      await using(await harness.open(), async (store) => {
        expect(await store.upsertBars(msft.slice(0, 800))).toMatchObject({ received: 800, inserted: 800, updated: 0, unchanged: 0 });
        expect(await store.upsertBars(msft.slice(600))).toMatchObject({ received: 659, inserted: 459, updated: 0, unchanged: 200 });
        const stored = await store.readBars('MSFT', '1d');
        expectSameBars(stored, msft);
        for (let row = 1; row < stored.length; row++) expect(stored.time[row]).toBeGreaterThan(stored.time[row - 1]);

        const revised = msft.slice(700, 760).copy();
        revised.close[13] += 0.01;
        revised.volume[40] = 0;
        expect(await store.upsertBars(revised)).toMatchObject({ received: 60, inserted: 0, updated: 2, unchanged: 58 });
        const after = await store.readBars('MSFT', '1d', revised.time[0], revised.time[59]);
        expectSameBars(after, revised);
        expect((await store.readBars('MSFT', '1d')).length).toBe(1259);
      });
    });

    it('reads inclusive time ranges', async () => {
      await using(await harness.open(), async (store) => {
        await store.upsertBars(msft2000);
        const { time } = msft2000;
        expectSameBars(await store.readBars('MSFT', '1d', time[10], time[20]), msft2000.slice(10, 21));
        // Bounds between bar times: the bar at time[10] + 1 ms lies after row 10, so row 11 comes first.
        expectSameBars(await store.readBars('MSFT', '1d', time[10] + 1, time[20] - 1), msft2000.slice(11, 20));
        expectSameBars(await store.readBars('MSFT', '1d', undefined, time[4]), msft2000.slice(0, 5));
        expectSameBars(await store.readBars('MSFT', '1d', time[244]), msft2000.slice(244));
        expectSameBars(await store.readBars('MSFT', '1d', -Infinity, Infinity), msft2000);
        expect((await store.readBars('MSFT', '1d', time[20], time[10])).length).toBe(0);
        expect((await store.readBars('MSFT', '1h')).length).toBe(0);
        expect((await store.readBars('NOPE', '1d')).length).toBe(0);
        await expectCode(store.readBars('MSFT', '1d', NaN), 'TF_ERR_CORE_ARGUMENT_INVALID');
      });
    });

    it.skipIf(harness.reopen === undefined)('keeps its data after close and reopen', async () => {
      const first = await harness.open();
      await first.upsertMany([...sp500.values()]);
      await first.close();
      await using(await harness.reopen!(first), async (second) => {
        expect(await second.listSymbols()).toEqual(['AAPL', 'BHF', 'DHR', 'MSFT', 'REGN', 'WRK']);
        expectSameBars(await second.readBars('REGN', '1d'), sp500.get('REGN')!);
        expect(await second.upsertBars(sp500.get('AAPL')!)).toMatchObject({ inserted: 0, updated: 0, unchanged: 1259 });
      });
    });
  });

  describe(`${name}: the CandleStore contract`, () => {
    it('answers empty on an empty store', async () => {
      await using(await harness.open(), async (store) => {
        const bars = await store.readBars('MSFT', '1d');
        expect(bars.length).toBe(0);
        expect(bars.symbol).toBe('MSFT');
        expect(await store.listSymbols()).toEqual([]);
        expect(await store.coverage()).toEqual([]);
        expect(await store.upsertMany([])).toEqual([]);
        expect(await store.upsertBars(Bars.empty('X', day))).toEqual({ symbol: 'X', timeframe: '1d', received: 0, inserted: 0, updated: 0, unchanged: 0 });
        expect(await store.fetchedSpans('MSFT', '1d')).toEqual([]);
      });
    });

    it('computes coverage: daily grids count weekdays only, intraday grids every slot', async () => {
      await using(await harness.open(), async (store) => {
        // 2024-01-01 is a Monday. Missing: Wed 3rd (one gap), then Tue 9th..Thu 11th (one gap of 3); the weekend 6th-7th is no gap.
        const equity = series('EQ', '1d', dates(['2024-01-01', '2024-01-02', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-12']));
        // A crypto series trading at weekends: Fri, Sat, Sun, Mon, then Wed (Tue missing). Sat/Sun never count, present or not.
        const crypto = series('BTC', '1d', dates(['2024-01-05', '2024-01-06', '2024-01-07', '2024-01-08', '2024-01-10', '2024-01-15']));
        // Hours 0, 1, 2, 5, 6, 10: missing 3-4 (2 slots) and 7-9 (3 slots).
        const hourly = series('EQ', '1h', [0, 1, 2, 5, 6, 10].map((h) => Date.UTC(2024, 0, 1, h)));
        await store.upsertMany([equity, crypto, hourly]);
        const coverage = await store.coverage();
        expect(coverage).toEqual([
          // Wed 10th -> Mon 15th skips Thu 11th and Fri 12th: one gap of 2 weekdays.
          { symbol: 'BTC', timeframe: '1d', first: crypto.time[0], last: crypto.time[5], count: 6, gaps: 2, missingBars: 3 },
          { symbol: 'EQ', timeframe: '1d', first: equity.time[0], last: equity.time[5], count: 6, gaps: 2, missingBars: 4 },
          { symbol: 'EQ', timeframe: '1h', first: hourly.time[0], last: hourly.time[5], count: 6, gaps: 2, missingBars: 5 },
        ]);
        expect(await store.coverage({ timeframe: '1h' })).toEqual([coverage[2]]);
        expect(await store.coverage({ symbols: ['BTC'] })).toEqual([coverage[0]]);
        expect(await store.coverage({ symbols: ['BTC', 'NOPE'], timeframe: 'daily' })).toEqual([coverage[0]]);
        expect(await store.coverage({ symbols: [] })).toEqual([]);
        expect(await store.listSymbols()).toEqual(['BTC', 'EQ']);
        expect(await store.listSymbols('1h')).toEqual(['EQ']);
        expect(await store.listSymbols('daily')).toEqual(['BTC', 'EQ']);
        expect(await store.listSymbols('1w')).toEqual([]);
      });
    });

    it('sorts symbols by code point, not by a locale (lower case after upper, "." before letters)', async () => {
      await using(await harness.open(), async (store) => {
        const time = dates(['2024-01-01']);
        const names = ['b', 'BRK.B', 'BRKB', 'A', 'a', 'Z'];
        await store.upsertMany(names.map((symbol) => series(symbol, '1d', time)));
        expect(await store.listSymbols()).toEqual(['A', 'BRK.B', 'BRKB', 'Z', 'a', 'b']);
        expect((await store.coverage()).map((entry) => entry.symbol)).toEqual(['A', 'BRK.B', 'BRKB', 'Z', 'a', 'b']);
      });
    });

    it('keeps NaN, -0, infinities and extreme doubles bit for bit, and times before 1970', async () => {
      await using(await harness.open(), async (store) => {
        const values = [NaN, -0, 0, Infinity, -Infinity, 5e-324, -1.7976931348623157e308, 0.1 + 0.2, 123456789.12345679];
        const bars = Bars.allocate('ODD', day, values.length);
        for (let row = 0; row < values.length; row++) {
          bars.time[row] = Date.UTC(1960, 0, 1) + row * 86_400_000;
          bars.open[row] = values[row];
          bars.high[row] = values[(row + 1) % values.length];
          bars.low[row] = values[(row + 2) % values.length];
          bars.close[row] = values[(row + 3) % values.length];
          bars.volume[row] = values[(row + 4) % values.length];
        }
        await store.upsertBars(bars);
        expectSameBars(await store.readBars('ODD', '1d'), bars);
        expect(await store.upsertBars(bars)).toMatchObject({ inserted: 0, updated: 0, unchanged: values.length });
      });
    });

    it('reads a series longer than one read batch whole and in ranges', async () => {
      await using(await harness.open(), async (store) => {
        const long = syntheticBatch(0, 40_000);
        await store.upsertBars(long);
        expectSameBars(await store.readBars(long.symbol, '1m'), long);
        expectSameBars(await store.readBars(long.symbol, '1m', long.time[5], long.time[39_990]), long.slice(5, 39_991));
        expectSameBars(await store.readBars(long.symbol, '1m', long.time[20_000] + 1), long.slice(20_001));
      });
    });

    it('refuses repeated, backward or fractional times and writes nothing of that batch', async () => {
      await using(await harness.open(), async (store) => {
        const good = syntheticBatch(0, 10);
        const repeated = syntheticBatch(1, 10).copy();
        repeated.time[5] = repeated.time[4];
        const error = await expectCode(store.upsertMany([good, repeated]), 'TF_ERR_DATA_DUPLICATE');
        expect(error.message).toContain('KILL1');
        expect(error.message).toContain('row 5');
        expect(await store.listSymbols()).toEqual([]);
        const fractional = syntheticBatch(0, 3).copy();
        fractional.time[1] += 0.5;
        await expectCode(store.upsertBars(fractional), 'TF_ERR_DATA_INVALID_ROW');
        const backwards = syntheticBatch(2, 10).copy();
        backwards.time[7] = backwards.time[2];
        await expectCode(store.upsertBars(backwards), 'TF_ERR_DATA_UNSORTED');
        expect(await store.listSymbols()).toEqual([]);
      });
    });

    it('reports progress after each committed group, ending at the total, with results in input order', async () => {
      await using(await harness.open(), async (store) => {
        // Batch 3 is KILL0 again, minutes 300..599 with other values: 200 bars overlap batch 0's 0..499.
        const list = [syntheticBatch(0, 500), Bars.empty('EMPTY', day), syntheticBatch(1, 700), syntheticBatch(3, 300)];
        const progress: Array<[number, number]> = [];
        const results = await store.upsertMany(list, (done, total) => progress.push([done, total]));
        expect(results.map((r) => [r.symbol, r.received, r.inserted, r.updated, r.unchanged])).toEqual([
          ['KILL0', 500, 500, 0, 0], ['EMPTY', 0, 0, 0, 0], ['KILL1', 700, 700, 0, 0], ['KILL0', 300, 100, 200, 0],
        ]);
        expect(progress.length).toBeGreaterThan(0);
        expect(progress.at(-1)).toEqual([4, 4]);
        for (let index = 1; index < progress.length; index++) expect(progress[index][0]).toBeGreaterThan(progress[index - 1][0]);
        expectSameBars(await store.readBars('KILL0', '1m'), Bars.concat([list[0].slice(0, 300), list[3]]));
      });
    });

    it('serialises concurrent upserts of one series: counts add up and nothing is stored twice', async () => {
      await using(await harness.open(), async (store) => {
        const all = syntheticBatch(2, 3_000);
        const [a, b] = await Promise.all([store.upsertBars(all.slice(0, 2_000)), store.upsertBars(all.slice(1_000))]);
        expect(a.inserted + b.inserted).toBe(3_000);
        expect(a.unchanged + b.unchanged).toBe(1_000);
        expectSameBars(await store.readBars(all.symbol, '1m'), all);
      });
    });

    it('refuses use after close', async () => {
      const store = await harness.open();
      await store.close();
      await store.close();
      await expectCode(store.readBars('MSFT', '1d'), 'TF_ERR_STORE_OPEN');
      await expectCode(store.upsertBars(syntheticBatch(0, 2)), 'TF_ERR_STORE_OPEN');
    });
  });

  describe(`${name}: the fetch ledger`, () => {
    const span = (overrides: Partial<FetchedSpan>): FetchedSpan => ({
      symbol: 'BTC/USDT', timeframe: '1h', source: 'ccxt:binance', from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 0, 2), received: 25, recordedAt: Date.UTC(2024, 5, 1, 12, 0, 0, 123), ...overrides,
    });

    it('returns the spans of one series sorted by from then to, repeats included, exactly as recorded', async () => {
      await using(await harness.open(), async (store) => {
        const late = span({ from: Date.UTC(2024, 1, 1), to: Date.UTC(2024, 1, 3), received: 49 });
        const early = span({ from: Date.UTC(1969, 11, 31, 23), to: Date.UTC(2024, 0, 1), received: 0, source: 'yahoo', recordedAt: 1 });
        const wide = span({ to: Date.UTC(2024, 0, 5), received: 97 });
        const narrow = span({});
        await store.recordFetchedSpans([late, wide]);
        await store.recordFetchedSpans([narrow, early, span({ symbol: 'ETH/USDT' }), span({ timeframe: '1d' })]);
        await store.recordFetchedSpans([narrow]);
        await store.recordFetchedSpans([]);
        expect(await store.fetchedSpans('BTC/USDT', '1h')).toEqual([early, narrow, narrow, wide, late]);
        expect(await store.fetchedSpans('BTC/USDT', Timeframe.of('1d'))).toEqual([span({ timeframe: '1d' })]);
        expect(await store.fetchedSpans('BTC/USDT', 'daily')).toEqual([span({ timeframe: '1d' })]);
        expect(await store.fetchedSpans('ETH/USDT', '1h')).toEqual([span({ symbol: 'ETH/USDT' })]);
        expect(await store.fetchedSpans('BTC/USDT', '1m')).toEqual([]);
      });
    });

    it('stores timeframes by their code, whatever alias was recorded', async () => {
      await using(await harness.open(), async (store) => {
        await store.recordFetchedSpans([span({ timeframe: 'hourly' })]);
        expect(await store.fetchedSpans('BTC/USDT', '1h')).toEqual([span({ timeframe: '1h' })]);
      });
    });

    it('records nothing of a batch holding an unknown timeframe', async () => {
      await using(await harness.open(), async (store) => {
        await expectCode(store.recordFetchedSpans([span({}), span({ timeframe: '7x' })]), 'TF_ERR_CORE_TIMEFRAME_INVALID');
        expect(await store.fetchedSpans('BTC/USDT', '1h')).toEqual([]);
      });
    });

    it.skipIf(harness.reopen === undefined)('keeps the ledger after close and reopen', async () => {
      const first = await harness.open();
      await first.recordFetchedSpans([span({}), span({ source: 'file', received: 3, recordedAt: Date.UTC(2024, 5, 2) })]);
      await first.close();
      await using(await harness.reopen!(first), async (second) => {
        expect(await second.fetchedSpans('BTC/USDT', '1h')).toEqual([span({}), span({ source: 'file', received: 3, recordedAt: Date.UTC(2024, 5, 2) })]);
      });
    });
  });
}
