import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../src/core/errors.js';
import { realCrossCheckSeries, randomWalkCrossCheckSeries } from './crossCheckSeries.js';
import { testIndicatorContract } from './indicatorContract.js';
import { requireSharedData } from './sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from './talibReference.js';

/** What MIN and MAX (or MININDEX and MAXINDEX) share, so one suite checks both directions. */
interface RollingStream {
  readonly value: number;
  readonly isReady: boolean;
  update(x: number): number;
  replace(x: number): number;
  reset(): void;
}

interface RollingExtremeSpec {
  /** TA-Lib's name, also the indicator's name in messages: 'MIN', 'MAX', 'MININDEX', 'MAXINDEX'. */
  name: string;
  lookback: (period: number) => number;
  batch: (x: Float64Array, period: number) => Float64Array;
  create: (period: number) => RollingStream;
  /** Whether it tracks the maximum (true) or the minimum (false). */
  isMaximum: boolean;
  /** The real-data column TA-Lib is compared on ('high' for a maximum, 'low' for a minimum). */
  realColumn: 'high' | 'low';
  /** A small hand-computed case, period 3. */
  handCase: { title: string; x: number[]; expected: number[] };
}

function periodError(name: string, run: () => unknown, period: number): void {
  try {
    run();
    expect.unreachable();
  } catch (error) {
    expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
    expect((error as Error).message).toContain(`${name}: period must be a whole number from 2 to 100000, got ${period}`);
  }
}

/** The MIN/MAX suite: contract, hand case, window property, period errors, TA-Lib (random walks and real data). */
export function testRollingExtreme(spec: RollingExtremeSpec): void {
  const { name, batch } = spec;
  for (const period of [2, 5, 30]) {
    testIndicatorContract({
      name: `${name}(${period})`,
      inputs: ['close'],
      outputs: ['value'],
      lookback: spec.lookback(period),
      batch: ([close]) => [batch(close, period)],
      create: () => spec.create(period),
      update: (s, [x]) => s.update(x),
      replace: (s, [x]) => s.replace(x),
      read: (s) => [s.value],
      isReady: (s) => s.isReady,
      reset: (s) => s.reset(),
    });
  }

  const hasRealData = requireSharedData(`the ${name} cross-check on real data`);
  const extremeOf = spec.isMaximum ? Math.max : Math.min;

  describe(name, () => {
    it(spec.handCase.title, () => {
      expect(Array.from(batch(Float64Array.from(spec.handCase.x), 3))).toEqual(spec.handCase.expected);
    });

    it(`equals the ${spec.isMaximum ? 'maximum' : 'minimum'} of each window on random data (property)`, () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 2, max: 10 }), (values, period) => {
          const y = batch(Float64Array.from(values), period);
          for (let i = period - 1; i < values.length; i++) expect(y[i]).toBe(extremeOf(...values.slice(i - period + 1, i + 1)));
        }),
      );
    });

    it('rejects a period outside 2..100000, naming it', () => {
      for (const period of [1, 0, 2.5, NaN]) periodError(name, () => batch(new Float64Array(10), period), period);
    });

    it.skipIf(!talibAvailable)(`equals TA-Lib ${name} on random walks, including a window longer than the data`, () => {
      for (const { name: series, columns } of randomWalkCrossCheckSeries()) {
        for (const period of [2, 5, 30, 200, 6_000]) {
          const expected = talibAligned(name, { inReal: columns.close }, { optInTimePeriod: period }).outReal;
          expect(maxRelativeDifference(batch(columns.close, period), expected).difference, `${series} period ${period}`).toBe(0);
        }
      }
    });

    it.skipIf(!talibAvailable || !hasRealData)(`equals TA-Lib ${name} on real data`, async () => {
      for (const { name: series, columns } of await realCrossCheckSeries()) {
        for (const period of [5, 30]) {
          const expected = talibAligned(name, { inReal: columns[spec.realColumn] }, { optInTimePeriod: period }).outReal;
          expect(maxRelativeDifference(batch(columns[spec.realColumn], period), expected).difference, `${series} period ${period}`).toBe(0);
        }
      }
    });
  });
}

/**
 * The contract compares batch and stream with missing rows skipped, but an index numbers the
 * rows (missing ones included), so the contract reads the value AT the index, which does not
 * depend on numbering; the row numbering itself is tested below, and the ties against TA-Lib.
 */
class IndexedStream {
  readonly history: number[] = [];
  constructor(readonly stream: RollingStream) {}
  update(x: number): void {
    this.history.push(x);
    this.stream.update(x);
  }
  replace(x: number): void {
    this.history[this.history.length - 1] = x;
    this.stream.replace(x);
  }
  read(): number[] {
    const index = this.stream.value;
    return [Number.isNaN(index) ? NaN : this.history[index]];
  }
  reset(): void {
    this.history.length = 0;
    this.stream.reset();
  }
}

interface RollingExtremeIndexSpec extends Omit<RollingExtremeSpec, 'handCase' | 'isMaximum'> {
  /** Period 3 ties: TA-Lib's rule, hand-computed (batch and stream). */
  tieCase: { x: number[]; expected: number[] };
  /** Period 3 with missing values, which keep their row numbers (batch and stream). */
  missingCase: { x: number[]; expected: number[] };
}

/** The MININDEX/MAXINDEX suite: contract, ties, row numbering, period errors, TA-Lib (ties, random walks, real data). */
export function testRollingExtremeIndex(spec: RollingExtremeIndexSpec): void {
  const { name, batch } = spec;
  for (const period of [2, 5, 30]) {
    testIndicatorContract({
      name: `${name}(${period})`,
      inputs: ['close'],
      outputs: ['value at the index'],
      lookback: spec.lookback(period),
      batch: ([close]) => [batch(close, period).map((index) => (Number.isNaN(index) ? NaN : close[index]))],
      create: () => new IndexedStream(spec.create(period)),
      update: (s, [x]) => s.update(x),
      replace: (s, [x]) => s.replace(x),
      read: (s) => s.read(),
      isReady: (s) => s.stream.isReady,
      reset: (s) => s.reset(),
    });
  }

  const hasRealData = requireSharedData(`the ${name} cross-check on real data`);

  function streamed(values: number[], period: number): number[] {
    const stream = spec.create(period);
    return values.map((x) => stream.update(x));
  }

  describe(name, () => {
    it('follows TA-Lib ties: a new equal value takes over, a rescan takes the earliest (hand-computed)', () => {
      expect(Array.from(batch(Float64Array.from(spec.tieCase.x), 3))).toEqual(spec.tieCase.expected);
      expect(streamed(spec.tieCase.x, 3)).toEqual(spec.tieCase.expected);
    });

    it('numbers rows of the input, missing rows included, in batch and stream', () => {
      expect(Array.from(batch(Float64Array.from(spec.missingCase.x), 3))).toEqual(spec.missingCase.expected);
      expect(streamed(spec.missingCase.x, 3)).toEqual(spec.missingCase.expected);
    });

    it('rejects a period outside 2..100000, naming it', () => {
      periodError(name, () => batch(new Float64Array(10), 1), 1);
    });

    it.skipIf(!talibAvailable)(`equals TA-Lib ${name} on series full of ties, batch and stream (property)`, () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 80 }), fc.integer({ min: 2, max: 9 }), (values, period) => {
          const expected = talibAligned(name, { inReal: values }, { optInTimePeriod: period }).outInteger;
          expect(Array.from(batch(Float64Array.from(values), period))).toEqual(Array.from(expected));
          expect(streamed(values, period)).toEqual(Array.from(expected));
        }),
        { numRuns: 300 },
      );
    });

    it.skipIf(!talibAvailable)(`equals TA-Lib ${name} on random walks`, () => {
      for (const { name: series, columns } of randomWalkCrossCheckSeries()) {
        for (const period of [2, 14, 30, 6_000]) {
          const expected = talibAligned(name, { inReal: columns.close }, { optInTimePeriod: period }).outInteger;
          expect(maxRelativeDifference(batch(columns.close, period), expected).difference, `${series} period ${period}`).toBe(0);
        }
      }
    });

    it.skipIf(!talibAvailable || !hasRealData)(`equals TA-Lib ${name} on real data (with its ties of equal prices)`, async () => {
      for (const { name: series, columns } of await realCrossCheckSeries()) {
        for (const period of [5, 25]) {
          const expected = talibAligned(name, { inReal: columns[spec.realColumn] }, { optInTimePeriod: period }).outInteger;
          expect(maxRelativeDifference(batch(columns[spec.realColumn], period), expected).difference, `${series} period ${period}`).toBe(0);
        }
      }
    });
  });
}
