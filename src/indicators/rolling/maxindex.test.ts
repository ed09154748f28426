import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { realCrossCheckSeries, randomWalkCrossCheckSeries } from '../../../test/crossCheckSeries.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { MAXINDEX, maxindex, maxindexLookback } from './maxindex.js';

/**
 * The contract compares batch and stream with missing rows skipped, but an index numbers the
 * rows (missing ones included), so the contract reads the value AT the index, which does not
 * depend on numbering; the row numbering itself is tested below, and the ties against TA-Lib.
 */
class IndexedStream {
  readonly stream: MAXINDEX;
  readonly history: number[] = [];
  constructor(period: number) {
    this.stream = new MAXINDEX(period);
  }
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

for (const period of [2, 5, 30]) {
  testIndicatorContract({
    name: `MAXINDEX(${period})`,
    inputs: ['close'],
    outputs: ['value at the index'],
    lookback: maxindexLookback(period),
    batch: ([close]) => [maxindex(close, period).map((index) => (Number.isNaN(index) ? NaN : close[index]))],
    create: () => new IndexedStream(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => s.read(),
    isReady: (s) => s.stream.isReady,
    reset: (s) => s.reset(),
  });
}

const hasRealData = requireSharedData('the MAXINDEX cross-check on real data');

function streamed(values: number[], period: number): number[] {
  const stream = new MAXINDEX(period);
  return values.map((x) => stream.update(x));
}

describe('MAXINDEX', () => {
  it('follows TA-Lib ties: a new equal value takes over, a rescan takes the earliest (hand-computed)', () => {
    // period 3. Bar 2: first scan of [1,5,5] takes the earliest, 1. Bar 3: an equal value takes over, 3.
    // Bars 4-5: 3 stays. Bar 6: 3 left, rescan of [1,1,2] -> 6. Bar 7: equal -> 7. Bars 8-9: 7.
    // Bar 10: 7 left, rescan of three equal values -> the earliest, 8.
    const x = [1, 5, 5, 5, 1, 1, 2, 2, 0, 0, 0];
    const expected = [NaN, NaN, 1, 3, 3, 3, 6, 7, 7, 7, 8];
    expect(Array.from(maxindex(Float64Array.from(x), 3))).toEqual(expected);
    expect(streamed(x, 3)).toEqual(expected);
  });

  it('numbers rows of the input, missing rows included, in batch and stream', () => {
    const x = [1, NaN, 3, 2, NaN, 1];
    const expected = [NaN, NaN, NaN, 2, NaN, 2];
    expect(Array.from(maxindex(Float64Array.from(x), 3))).toEqual(expected);
    expect(streamed(x, 3)).toEqual(expected);
  });

  it('rejects a period outside 2..100000, naming it', () => {
    try {
      maxindex(new Float64Array(10), 1);
      expect.unreachable();
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
      expect((error as Error).message).toContain('MAXINDEX: period must be a whole number from 2 to 100000, got 1');
    }
  });

  it.skipIf(!talibAvailable)('equals TA-Lib MAXINDEX on series full of ties, batch and stream (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 80 }), fc.integer({ min: 2, max: 9 }), (values, period) => {
        const expected = talibAligned('MAXINDEX', { inReal: values }, { optInTimePeriod: period }).outInteger;
        expect(Array.from(maxindex(Float64Array.from(values), period))).toEqual(Array.from(expected));
        expect(streamed(values, period)).toEqual(Array.from(expected));
      }),
      { numRuns: 300 },
    );
  });

  it.skipIf(!talibAvailable)('equals TA-Lib MAXINDEX on random walks', () => {
    for (const { name, columns } of randomWalkCrossCheckSeries()) {
      for (const period of [2, 14, 30, 6_000]) {
        const expected = talibAligned('MAXINDEX', { inReal: columns.close }, { optInTimePeriod: period }).outInteger;
        expect(maxRelativeDifference(maxindex(columns.close, period), expected).difference, `${name} period ${period}`).toBe(0);
      }
    }
  });

  it.skipIf(!talibAvailable || !hasRealData)('equals TA-Lib MAXINDEX on real data (with its ties of equal prices)', async () => {
    for (const { name, columns } of await realCrossCheckSeries()) {
      for (const period of [5, 25]) {
        const expected = talibAligned('MAXINDEX', { inReal: columns.high }, { optInTimePeriod: period }).outInteger;
        expect(maxRelativeDifference(maxindex(columns.high, period), expected).difference, `${name} period ${period}`).toBe(0);
      }
    }
  });
});
