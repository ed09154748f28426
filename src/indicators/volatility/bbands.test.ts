import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { realCrossCheckSeries, randomWalkCrossCheckSeries } from '../../../test/crossCheckSeries.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { movingAverageTypes, talibMovingAverageCode, type MovingAverageType } from '../trend/movingAverage.js';
import { BBANDS, bbands, bbandsLookback, bollingerBands } from './bbands.js';

const contractCases: Array<[number, number, number, MovingAverageType]> = [
  [5, 2, 2, 'sma'],
  [20, 2, 1.5, 'sma'],
  [10, 2, 2, 'ema'],
  [6, 1, 3, 't3'],
];
for (const [period, up, down, maType] of contractCases) {
  testIndicatorContract({
    name: `BBANDS(${period}, ${up}, ${down}, ${maType})`,
    inputs: ['close'],
    outputs: ['middle', 'upper', 'lower', 'percentB', 'bandwidth'],
    lookback: bbandsLookback(period, up, down, maType),
    batch: ([close]) => {
      const bands = bbands(close, period, up, down, maType);
      return [bands.middle, bands.upper, bands.lower, bands.percentB, bands.bandwidth];
    },
    create: () => new BBANDS(period, up, down, maType),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.middle, s.value, s.lower, s.percentB, s.bandwidth],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

const hasRealData = requireSharedData('the BBANDS cross-check on real data');

describe('BBANDS', () => {
  it('puts bands nbDev population deviations around the SMA, with %B and bandwidth (hand-computed)', () => {
    // [1, 2, 3]: mean 2, population deviation sqrt(2/3) = 0.816496580927726.
    const deviation = Math.sqrt(2 / 3);
    const bands = bbands(Float64Array.from([1, 2, 3]), 3, 2, 1);
    expect(bands.middle[2]).toBe(2);
    expect(bands.upper[2]).toBeCloseTo(2 + 2 * deviation, 14);
    expect(bands.lower[2]).toBeCloseTo(2 - deviation, 14);
    // %B: (3 - lower) / (upper - lower) = (1 + d) / (3d); bandwidth: 3d / 2.
    expect(bands.percentB[2]).toBeCloseTo((1 + deviation) / (3 * deviation), 14);
    expect(bands.bandwidth[2]).toBeCloseTo((3 * deviation) / 2, 14);
    expect(bands.upper[1]).toBeNaN();
  });

  it('gives NaN %B when the bands meet on a flat window, and bandwidth 0', () => {
    const bands = bbands(Float64Array.from([4, 4, 4]), 3);
    expect(bands.upper[2]).toBe(4);
    expect(bands.percentB[2]).toBeNaN();
    expect(bands.bandwidth[2]).toBe(0);
  });

  it('gives the same three bands from bollingerBands, for every MA type', () => {
    const { close } = randomWalkCrossCheckSeries()[0].columns;
    for (const maType of movingAverageTypes) {
      const five = bbands(close, 7, 2, 1.5, maType);
      const three = bollingerBands(close, 7, 2, 1.5, maType);
      expect(three.upper, maType).toEqual(five.upper);
      expect(three.middle, maType).toEqual(five.middle);
      expect(three.lower, maType).toEqual(five.lower);
    }
  });

  it('gives every bar of the SMA form at every length around the eight-bar loop of its fast kernel', () => {
    const { close } = randomWalkCrossCheckSeries()[0].columns;
    const period = 4;
    for (let length = 1; length <= 30; length++) {
      const x = close.subarray(0, length);
      const bands = bollingerBands(x, period, 2, 1.5);
      for (let i = 0; i < length; i++) {
        if (i < period - 1) {
          expect(bands.middle[i]).toBeNaN();
          continue;
        }
        const window = Array.from(x.subarray(i - period + 1, i + 1));
        const mean = window.reduce((sum, value) => sum + value, 0) / period;
        const deviation = Math.sqrt(window.reduce((sum, value) => sum + (value - mean) ** 2, 0) / period);
        expect(bands.middle[i], `length ${length} bar ${i}`).toBeCloseTo(mean, 9);
        expect(bands.upper[i], `length ${length} bar ${i}`).toBeCloseTo(mean + 2 * deviation, 9);
        expect(bands.lower[i], `length ${length} bar ${i}`).toBeCloseTo(mean - 1.5 * deviation, 9);
      }
    }
  });

  it('rejects bad parameters, naming them', () => {
    for (const [call, text] of [
      [() => bbands(new Float64Array(9), 1), 'BBANDS: period must be a whole number from 2 to 100000, got 1'],
      [() => bbands(new Float64Array(9), 5, NaN), 'BBANDS: nbDevUp must be a finite number from -100 to 100, got NaN'],
      [() => bbands(new Float64Array(9), 5, 2, 200), 'BBANDS: nbDevDn must be a finite number from -100 to 100, got 200'],
      [() => bbands(new Float64Array(9), 5, 2, 2, 'mama' as MovingAverageType), 'MA: type must be one of'],
    ] as const) {
      try {
        call();
        expect.unreachable();
      } catch (error) {
        expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
        expect((error as Error).message).toContain(text);
      }
    }
    expect(() => bbands(new Float64Array(9), 5, 2, 2, 'sma', { upper: new Float64Array(8) } as never)).toThrow(/out has length 8/);
  });

  it.skipIf(!talibAvailable)('equals TA-Lib BBANDS for every MA type on random walks near 100 and 50,000 and on real data', async () => {
    const series = [...randomWalkCrossCheckSeries(), ...(hasRealData ? await realCrossCheckSeries() : [])];
    for (const { name, columns } of series) {
      for (const maType of movingAverageTypes) {
        for (const [period, up, down] of [[5, 2, 2], [20, 2.5, 1], [2, 1, 1]]) {
          const expected = talibAligned('BBANDS', { inReal: columns.close }, { optInTimePeriod: period, optInNbDevUp: up, optInNbDevDn: down, optInMAType: talibMovingAverageCode[maType] });
          const actual = bbands(columns.close, period, up, down, maType);
          for (const [output, talibName] of [['upper', 'outRealUpperBand'], ['middle', 'outRealMiddleBand'], ['lower', 'outRealLowerBand']] as const) {
            const { difference, index } = maxRelativeDifference(actual[output], expected[talibName]);
            expect(difference, `${name} ${maType}(${period}, ${up}, ${down}) ${output} at ${index}`).toBeLessThan(1e-9);
          }
        }
      }
    }
  });
});
