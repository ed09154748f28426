import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realCrossCheckSeries, randomWalkCrossCheckSeries } from '../../../test/crossCheckSeries.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { MINMAXINDEX, minmaxindex, minmaxindexLookback } from './minmaxindex.js';

/** Reads the values at the indexes, which do not depend on row numbering (see maxindex.test.ts). */
class IndexedStream {
  readonly stream: MINMAXINDEX;
  readonly history: number[] = [];
  constructor(period: number) {
    this.stream = new MINMAXINDEX(period);
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
    return [this.stream.value, this.stream.maxIndex].map((index) => (Number.isNaN(index) ? NaN : this.history[index]));
  }
  reset(): void {
    this.history.length = 0;
    this.stream.reset();
  }
}

for (const period of [2, 9]) {
  testIndicatorContract({
    name: `MINMAXINDEX(${period})`,
    inputs: ['close'],
    outputs: ['value at minIndex', 'value at maxIndex'],
    lookback: minmaxindexLookback(period),
    batch: ([close]) => {
      const { minIndex, maxIndex } = minmaxindex(close, period);
      const at = (indexes: Float64Array) => indexes.map((index) => (Number.isNaN(index) ? NaN : close[index]));
      return [at(minIndex), at(maxIndex)];
    },
    create: () => new IndexedStream(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => s.read(),
    isReady: (s) => s.stream.isReady,
    reset: (s) => s.reset(),
  });
}

const hasRealData = requireSharedData('the MINMAXINDEX cross-check on real data');

describe('MINMAXINDEX', () => {
  it('numbers rows, missing ones included, with TA-Lib ties (hand-computed: the min rescan at row 4 takes row 3, the max tie at row 4 takes over)', () => {
    const { minIndex, maxIndex } = minmaxindex(Float64Array.from([2, NaN, 1, 3, 3]), 2);
    expect(Array.from(minIndex)).toEqual([NaN, NaN, 2, 2, 3]);
    expect(Array.from(maxIndex)).toEqual([NaN, NaN, 0, 3, 4]);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib MINMAXINDEX on series full of ties, batch and stream (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 2, max: 7 }), (values, period) => {
        const expected = talibAligned('MINMAXINDEX', { inReal: values }, { optInTimePeriod: period });
        const actual = minmaxindex(Float64Array.from(values), period);
        expect(Array.from(actual.minIndex)).toEqual(Array.from(expected.outMinIdx));
        expect(Array.from(actual.maxIndex)).toEqual(Array.from(expected.outMaxIdx));
        const stream = new MINMAXINDEX(period);
        values.forEach((x, i) => {
          stream.update(x);
          expect([stream.value, stream.maxIndex]).toEqual([expected.outMinIdx[i], expected.outMaxIdx[i]]);
        });
      }),
      { numRuns: 200 },
    );
  });

  it.skipIf(!talibAvailable)('equals TA-Lib MINMAXINDEX on random walks and real data', async () => {
    const series = [...randomWalkCrossCheckSeries(), ...(hasRealData ? await realCrossCheckSeries() : [])];
    for (const { name, columns } of series) {
      for (const period of [3, 30]) {
        const expected = talibAligned('MINMAXINDEX', { inReal: columns.close }, { optInTimePeriod: period });
        const actual = minmaxindex(columns.close, period);
        expect(maxRelativeDifference(actual.minIndex, expected.outMinIdx).difference, `${name} min period ${period}`).toBe(0);
        expect(maxRelativeDifference(actual.maxIndex, expected.outMaxIdx).difference, `${name} max period ${period}`).toBe(0);
      }
    }
  });
});
