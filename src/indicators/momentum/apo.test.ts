import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { expectIndicatorError } from '../../../test/expectIndicatorError.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { realBarsForTalib } from '../../../test/realBarsForTalib.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from '../../../test/talibReference.js';
import { movingAverageTypes, talibMovingAverageCode, type MovingAverageType } from '../trend/movingAverage.js';
import { sma } from '../trend/sma.js';
import { APO, apo, apoLookback } from './apo.js';

type Case = [number, number, MovingAverageType];
for (const [fast, slow, type] of [[12, 26, 'sma'], [12, 26, 'ema'], [26, 12, 'kama'], [3, 10, 't3']] as Case[]) {
  testIndicatorContract({
    name: `APO(${fast}, ${slow}, ${type})`,
    inputs: ['close'],
    outputs: ['value'],
    lookback: apoLookback(fast, slow, type),
    batch: ([close]) => [apo(close, fast, slow, type)],
    create: () => new APO(fast, slow, type),
    update: (s, [x]) => s.update(x),
    replace: (s, [x]) => s.replace(x),
    read: (s) => [s.value],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

const hasData = requireSharedData('APO TA-Lib cross-check on real data');

describe('APO', () => {
  it('compares the fast and slow averages from bar 0 (hand-computed)', () => {
    const close = Float64Array.from([1, 2, 3, 4, 6]);
    const fast = sma(close, 2);
    const slow = sma(close, 3);
    const values = apo(close, 2, 3);
    expect(Array.from(values.subarray(0, 2))).toEqual([NaN, NaN]);
    for (let i = 2; i < 5; i++) expect(values[i]).toBeCloseTo(apoExpected(fast[i], slow[i]), 12);
  });

  it('rejects bad parameters, naming them', () => {
    const x = new Float64Array(10);
    expectIndicatorError(() => apo(x, 1), 'TF_ERR_INDICATOR_PARAMETER', 'APO: fastPeriod must be a whole number from 2 to 100000, got 1');
    expectIndicatorError(() => apo(x, 12, 0), 'TF_ERR_INDICATOR_PARAMETER', 'APO: slowPeriod');
    expectIndicatorError(() => apo(x, 12, 26, 'mama' as MovingAverageType), 'TF_ERR_INDICATOR_PARAMETER', 'APO: type must be one of');
    expectIndicatorError(() => new APO(12, 26.5), 'TF_ERR_INDICATOR_PARAMETER', 'APO: slowPeriod');
    expectIndicatorError(() => apo(x, 12, 26, 'sma', new Float64Array(3)), 'TF_ERR_INDICATOR_INPUT', 'out has length 3');
  });

  function expectTalib(close: Float64Array, [fast, slow, type]: Case, label: string): void {
    const expected = talibAligned('APO', { inReal: close }, { optInFastPeriod: fast, optInSlowPeriod: slow, optInMAType: talibMovingAverageCode[type] }).outReal;
    // TA-Lib's WMA keeps running sums that drift (about 1e-13 relative on prices); the difference
    // of two averages near a zero crossing magnifies that, hence 1e-6 for WMA only.
    const tolerance = type === 'wma' ? 1e-6 : 1e-9;
    expect(maxRelativeDifference(apo(close, fast, slow, type), expected).difference, `${label} (tolerance ${tolerance})`).toBeLessThan(tolerance);
  }

  it.skipIf(!talibAvailable)('equals TA-Lib APO on a random walk, for every MA type', () => {
    const close = randomWalkBars(5_000, 5).close;
    for (const type of movingAverageTypes) expectTalib(close, [12, 26, type], `12, 26, ${type}`);
    for (const c of [[26, 12, 'sma'], [2, 3, 'ema'], [10, 100, 'wma']] as Case[]) expectTalib(close, c, c.join(' '));
  });

  describe.skipIf(!talibAvailable || !hasData)('on real data', () => {
    let series: Bars[] = [];
    beforeAll(async () => {
      series = await realBarsForTalib();
    }, 30_000);

    it('equals TA-Lib APO on MSFT 2000-2001 and S&P 500 symbols', () => {
      for (const bars of series) {
        expectTalib(bars.close, [12, 26, 'sma'], `${bars.symbol} 12, 26, sma`);
        expectTalib(bars.close, [12, 26, 'ema'], `${bars.symbol} 12, 26, ema`);
      }
    });
  });
});

function apoExpected(fast: number, slow: number): number {
  return fast - slow;
}
