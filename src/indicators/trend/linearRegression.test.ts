import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { realBarsForTalib } from '../../../test/crossCheckSeries.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { LinearRegression, linearRegression, linearRegressionLookback, type LinearRegressionOutput } from './linearRegression.js';

const sharedData = requireSharedData('LINEARREG TA-Lib cross-check on real data');

const outputs = ['value', 'slope', 'angle', 'intercept', 'forecast'] as const;
const talibNames: Record<keyof LinearRegressionOutput, string> = {
  value: 'LINEARREG',
  slope: 'LINEARREG_SLOPE',
  angle: 'LINEARREG_ANGLE',
  intercept: 'LINEARREG_INTERCEPT',
  forecast: 'TSF',
};

for (const period of [2, 5, 14, 50]) {
  testIndicatorContract({
    name: `LINEARREG(${period})`,
    inputs: ['close'],
    outputs,
    lookback: linearRegressionLookback(period),
    batch: ([close]) => {
      const result = linearRegression(close, period);
      return outputs.map((name) => result[name]);
    },
    create: () => new LinearRegression(period),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value, s.slope, s.angle, s.intercept, s.forecast],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
    // 500 bars cross the exact re-summing (every 8 * period bars) several times.
    length: 500,
  });
}

/** Largest absolute difference over the largest magnitude of the reference: "relative to the series scale". */
function differenceToScale(actual: Float64Array, expected: Float64Array): number {
  let scale = 0;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) {
    if (Number.isNaN(expected[i]) !== Number.isNaN(actual[i])) return Infinity;
    if (Number.isNaN(expected[i])) continue;
    scale = Math.max(scale, Math.abs(expected[i]));
    difference = Math.max(difference, Math.abs(actual[i] - expected[i]));
  }
  return scale === 0 ? difference : difference / scale;
}

function expectTalib(close: Float64Array, period: number, label: string): void {
  const result = linearRegression(close, period);
  for (const name of outputs) {
    const expected = talibAligned(talibNames[name], { inReal: close }, { optInTimePeriod: period }).outReal;
    // TA-Lib re-sums each window and we roll the sums: rounding differences of ~1e-14 of the
    // price scale, which relative to a slope crossing zero are larger, hence the scale measure.
    expect(differenceToScale(result[name], expected), `${label} ${name}: difference relative to the series scale`).toBeLessThan(1e-9);
    if (name === 'value' || name === 'intercept' || name === 'forecast') {
      expect(maxRelativeDifference(result[name], expected).difference, `${label} ${name}: relative difference`).toBeLessThan(1e-9);
    }
  }
}

describe('linearRegression', () => {
  it('fits the least-squares line through the window (hand-computed)', () => {
    const result = linearRegression(Float64Array.from([1, 2, 3, 5]), 3);
    for (const name of outputs) {
      expect(result[name][0], name).toBeNaN();
      expect(result[name][1], name).toBeNaN();
    }
    // [1, 2, 3] lies on a line of slope 1 through 1 at the oldest bar.
    expect(result.value[2]).toBeCloseTo(3, 14);
    expect(result.slope[2]).toBeCloseTo(1, 14);
    expect(result.angle[2]).toBeCloseTo(45, 12);
    expect(result.intercept[2]).toBeCloseTo(1, 14);
    expect(result.forecast[2]).toBeCloseTo(4, 14);
    // [2, 3, 5]: x = 0, 1, 2, mean x 1, mean y 10/3; slope = ((-1)(2 - 10/3) + (1)(5 - 10/3)) / 2 = 1.5;
    // intercept 10/3 - 1.5 = 11/6; value 11/6 + 2 * 1.5; forecast 11/6 + 3 * 1.5.
    expect(result.slope[3]).toBeCloseTo(1.5, 14);
    expect(result.intercept[3]).toBeCloseTo(11 / 6, 14);
    expect(result.value[3]).toBeCloseTo(11 / 6 + 3, 14);
    expect(result.forecast[3]).toBeCloseTo(11 / 6 + 4.5, 14);
    expect(result.angle[3]).toBeCloseTo((Math.atan(1.5) * 180) / Math.PI, 12);
  });

  it('recovers a straight line exactly over a long series, across the periodic exact re-summing', () => {
    const line = Float64Array.from({ length: 2_000 }, (_, i) => 1_000 - 0.25 * i);
    const result = linearRegression(line, 10);
    for (let i = 9; i < line.length; i++) {
      expect(result.slope[i]).toBeCloseTo(-0.25, 10);
      expect(result.value[i]).toBeCloseTo(line[i], 9);
      expect(result.forecast[i]).toBeCloseTo(1_000 - 0.25 * (i + 1), 9);
    }
  });

  it('re-sums its running sums, so no rounding carries over from a much higher price level', () => {
    const close = Float64Array.from({ length: 1_000 }, (_, i) => (i < 500 ? 1e12 * (1 + 0.01 * Math.sin(i)) : 1 + 0.01 * Math.cos(i)));
    const result = linearRegression(close, 10);
    for (let i = 700; i < 1_000; i++) {
      // Direct least squares over x = 0..9 (mean 4.5, sum of squared deviations 82.5).
      let mean = 0;
      for (let k = 0; k < 10; k++) mean += close[i - 9 + k] / 10;
      let covariance = 0;
      for (let k = 0; k < 10; k++) covariance += (k - 4.5) * (close[i - 9 + k] - mean);
      const slope = covariance / 82.5;
      expect(Math.abs(result.slope[i] - slope), `slope at bar ${i}`).toBeLessThan(1e-13);
      expect(Math.abs(result.value[i] - (mean + 4.5 * slope)), `value at bar ${i}`).toBeLessThan(1e-13);
    }
  });

  it('writes into caller-given outputs and rejects bad periods and output lengths', () => {
    const close = randomWalkBars(30, 1).close;
    const out: LinearRegressionOutput = { value: new Float64Array(30), slope: new Float64Array(30), angle: new Float64Array(30), intercept: new Float64Array(30), forecast: new Float64Array(30) };
    const result = linearRegression(close, 5, out);
    expect(result.slope).toBe(out.slope);
    expect(result.forecast).toBe(out.forecast);
    for (const period of [1, 2.5, NaN, 100_001]) {
      expectIndicatorError(() => linearRegression(close, period), 'TF_ERR_INDICATOR_PARAMETER', `LINEARREG: period must be a whole number from 2 to 100000, got ${period}`);
    }
    expectIndicatorError(() => new LinearRegression(1), 'TF_ERR_INDICATOR_PARAMETER', 'LINEARREG: period');
    expectIndicatorError(() => linearRegression(close, 5, { ...out, angle: new Float64Array(29) }), 'TF_ERR_INDICATOR_INPUT', 'out has length 29');
  });

  it.skipIf(!talibAvailable)('equals TA-Lib LINEARREG, _SLOPE, _ANGLE, _INTERCEPT and TSF on a random walk', () => {
    const close = randomWalkBars(5_000, 3).close;
    for (const period of [2, 3, 14, 50, 200, 6_000]) expectTalib(close, period, `period ${period}`);
  });

  describe.skipIf(!sharedData || !talibAvailable)('on real data', () => {
    let series: Bars[] = [];
    beforeAll(async () => {
      series = await realBarsForTalib();
    });
    it('equals TA-Lib LINEARREG, _SLOPE, _ANGLE, _INTERCEPT and TSF on MSFT 2000-2001 and S&P 500 symbols', () => {
      for (const bars of series) for (const period of [5, 14, 50]) expectTalib(bars.close, period, `${bars.symbol} ${period}`);
    });
  });
});
