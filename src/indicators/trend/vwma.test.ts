import { describe, expect, it } from 'vitest';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { sma } from './sma.js';
import { VWMA, vwma, vwmaLookback } from './vwma.js';

for (const period of [1, 2, 20, 50]) {
  testIndicatorContract({
    name: `VWMA(${period})`,
    inputs: ['close', 'volume'],
    outputs: ['value'],
    lookback: vwmaLookback(period),
    batch: ([close, volume]) => [vwma(close, volume, period)],
    create: () => new VWMA(period),
    update: (s, [c, v]) => s.update(c, v),
    replace: (s, [c, v]) => s.replace(c, v),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

function streamed(close: number[], volume: number[], period: number): number[] {
  const stream = new VWMA(period);
  return close.map((c, i) => stream.update(c, volume[i]));
}

describe('VWMA', () => {
  it('is sum(close * volume) / sum(volume) over the window (hand-computed)', () => {
    // period 2: (10*100 + 11*300) / 400 = 10.75; (11*300 + 12*0) / 300 = 11; (12*0 + 13*200) / 200 = 13.
    const close = [10, 11, 12, 13];
    const volume = [100, 300, 0, 200];
    const expected = [NaN, 10.75, 11, 13];
    expect(Array.from(vwma(Float64Array.from(close), Float64Array.from(volume), 2))).toEqual(expected);
    expect(streamed(close, volume, 2)).toEqual(expected);
  });

  it('is NaN for a window without volume and recovers exactly after it', () => {
    const close = [10, 11, 12, 13, 14];
    const volume = [100.1, 0, 0, 50, 0.3];
    const expected = [NaN, 10, NaN, 13, (13 * 50 + 14 * 0.3) / 50.3];
    const batch = vwma(Float64Array.from(close), Float64Array.from(volume), 2);
    batch.forEach((value, i) => (Number.isNaN(expected[i]) ? expect(value).toBeNaN() : expect(value).toBeCloseTo(expected[i], 13)));
    expect(batch[3]).toBe(13); // the sums restarted from exactly 0 after the empty window
    expect(streamed(close, volume, 2)).toEqual(Array.from(batch));
  });

  it('equals the SMA when every bar has the same volume', () => {
    const bars = randomWalkBars(300, 9);
    const result = vwma(bars.close, new Float64Array(300).fill(5_000), 20);
    const mean = sma(bars.close, 20);
    for (let i = 19; i < 300; i++) expect(result[i]).toBeCloseTo(mean[i], 10);
  });

  it('re-sums its running sums, so no rounding carries over from a much higher price level', () => {
    const close = Float64Array.from({ length: 1_000 }, (_, i) => (i < 500 ? 1e12 * (1 + 0.01 * Math.sin(i)) : 1 + 0.01 * Math.cos(i)));
    const volume = Float64Array.from({ length: 1_000 }, (_, i) => 1_000 + 37 * (i % 11));
    const result = vwma(close, volume, 10);
    for (let i = 700; i < 1_000; i++) {
      let weighted = 0;
      let total = 0;
      for (let k = i - 9; k <= i; k++) {
        weighted += close[k] * volume[k];
        total += volume[k];
      }
      expect(Math.abs(result[i] - weighted / total), `bar ${i}`).toBeLessThan(1e-13);
    }
  });

  it('rejects a bad period, inputs of unequal length and an output of the wrong length', () => {
    for (const period of [0, 2.5, NaN, 100_001]) {
      expectIndicatorError(() => vwma(new Float64Array(10), new Float64Array(10), period), 'TF_ERR_INDICATOR_PARAMETER', `VWMA: period must be a whole number from 1 to 100000, got ${period}`);
    }
    expectIndicatorError(() => new VWMA(0), 'TF_ERR_INDICATOR_PARAMETER', 'VWMA: period');
    expectIndicatorError(() => vwma(new Float64Array(10), new Float64Array(9), 3), 'TF_ERR_INDICATOR_INPUT', 'VWMA: inputs must have equal lengths, got close 10, volume 9');
    expectIndicatorError(() => vwma(new Float64Array(4), new Float64Array(4), 2, new Float64Array(3)), 'TF_ERR_INDICATOR_INPUT', 'out has length 3');
  });
});
