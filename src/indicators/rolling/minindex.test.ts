import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { realCrossCheckSeries, randomWalkCrossCheckSeries } from '../../../test/crossCheckSeries.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { MININDEX, minindex, minindexLookback } from './minindex.js';

/**
 * The contract compares batch and stream with missing rows skipped, but an index numbers the
 * rows (missing ones included), so the contract reads the value AT the index, which does not
 * depend on numbering; the row numbering itself is tested below, and the ties against TA-Lib.
 */
class IndexedStream {
  readonly stream: MININDEX;
  readonly history: number[] = [];
  constructor(period: number) {
    this.stream = new MININDEX(period);
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
    name: `MININDEX(${period})`,
    inputs: ['close'],
    outputs: ['value at the index'],
    lookback: minindexLookback(period),
    batch: ([close]) => [minindex(close, period).map((index) => (Number.isNaN(index) ? NaN : close[index]))],
    create: () => new IndexedStream(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => s.read(),
    isReady: (s) => s.stream.isReady,
    reset: (s) => s.reset(),
  });
}

const hasRealData = requireSharedData('the MININDEX cross-check on real data');

function streamed(values: number[], period: number): number[] {
  const stream = new MININDEX(period);
  return values.map((x) => stream.update(x));
}

describe('MININDEX', () => {
  it('follows TA-Lib ties: a new equal value takes over, a rescan takes the earliest (hand-computed)', () => {
    // period 3. Bar 2: first scan of [4,0,0] takes the earliest, 1. Bar 3: an equal value takes over, 3.
    // Bars 4-5: 3 stays. Bar 6: 3 left, rescan of [4,4,3] -> 6. Bar 7: equal -> 7. Bars 8-9: 7.
    // Bar 10: 7 left, rescan of three equal values -> the earliest, 8.
    const x = [4, 0, 0, 0, 4, 4, 3, 3, 5, 5, 5];
    const expected = [NaN, NaN, 1, 3, 3, 3, 6, 7, 7, 7, 8];
    expect(Array.from(minindex(Float64Array.from(x), 3))).toEqual(expected);
    expect(streamed(x, 3)).toEqual(expected);
  });

  it('numbers rows of the input, missing rows included, in batch and stream', () => {
    const x = [3, NaN, 1, 2, NaN, 3];
    const expected = [NaN, NaN, NaN, 2, NaN, 2];
    expect(Array.from(minindex(Float64Array.from(x), 3))).toEqual(expected);
    expect(streamed(x, 3)).toEqual(expected);
  });

  it('rejects a period outside 2..100000, naming it', () => {
    try {
      minindex(new Float64Array(10), 1);
      expect.unreachable();
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
      expect((error as Error).message).toContain('MININDEX: period must be a whole number from 2 to 100000, got 1');
    }
  });

  it.skipIf(!talibAvailable)('equals TA-Lib MININDEX on series full of ties, batch and stream (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 80 }), fc.integer({ min: 2, max: 9 }), (values, period) => {
        const expected = talibAligned('MININDEX', { inReal: values }, { optInTimePeriod: period }).outInteger;
        expect(Array.from(minindex(Float64Array.from(values), period))).toEqual(Array.from(expected));
        expect(streamed(values, period)).toEqual(Array.from(expected));
      }),
      { numRuns: 300 },
    );
  });

  it.skipIf(!talibAvailable)('equals TA-Lib MININDEX on random walks', () => {
    for (const { name, columns } of randomWalkCrossCheckSeries()) {
      for (const period of [2, 14, 30, 6_000]) {
        const expected = talibAligned('MININDEX', { inReal: columns.close }, { optInTimePeriod: period }).outInteger;
        expect(maxRelativeDifference(minindex(columns.close, period), expected).difference, `${name} period ${period}`).toBe(0);
      }
    }
  });

  it.skipIf(!talibAvailable || !hasRealData)('equals TA-Lib MININDEX on real data (with its ties of equal prices)', async () => {
    for (const { name, columns } of await realCrossCheckSeries()) {
      for (const period of [5, 25]) {
        const expected = talibAligned('MININDEX', { inReal: columns.low }, { optInTimePeriod: period }).outInteger;
        expect(maxRelativeDifference(minindex(columns.low, period), expected).difference, `${name} period ${period}`).toBe(0);
      }
    }
  });
});
