/**
 * The metrics against published expected values: the test suite of quantopian/empyrical
 * (empyrical/tests/test_stats.py at commit 40f61b4, class TestStats), which checks each of its
 * statistics on the same small return series to 8 decimal places (`DECIMAL_PLACES = 8`). The
 * series and the expected numbers below are copied from that file; each case names the
 * empyrical test and parameter row. Where tickforge's convention differs from empyrical's (NaN
 * instead of inf, alpha annualised by multiplication, calendar-time CAGR), the case says how
 * the published number still pins ours down.
 */
import { describe, expect, it } from 'vitest';
import { alphaBeta } from './alphaBeta.js';
import { annualVolatility } from './annualVolatility.js';
import { computeMetrics } from './computeMetrics.js';
import { yearMs } from './compoundAnnualGrowthRate.js';
import { curveFromReturns } from './curveFromReturns.js';
import { maxDrawdown } from './drawdownSeries.js';
import { informationRatio } from './informationRatio.js';
import { monthlyReturns } from './monthlyReturns.js';
import { omegaRatio } from './omegaRatio.js';
import { perPeriodRate } from './perPeriodRate.js';
import { returnsFromEquity } from './returnsFromEquity.js';
import { rollingMetrics } from './rollingMetrics.js';
import { sharpeRatio } from './sharpeRatio.js';
import { downsideDeviation, sortinoRatio } from './sortinoRatio.js';
import { tailRatio } from './tailRatio.js';
import { expectedShortfall, valueAtRisk } from './valueAtRisk.js';

const percent = (values: number[]): number[] => values.map((v) => v / 100);
// TestStats' series (returns in percent, divided by 100 as empyrical does).
const simpleBenchmark = percent([0, 1, 0, 1, 0, 1, 0, 1, 0]);
const positiveReturns = percent([1, 2, 1, 1, 1, 1, 1, 1, 1]);
const negativeReturns = percent([0, -6, -7, -1, -9, -2, -6, -8, -5]);
const allNegativeReturns = percent([-2, -6, -7, -1, -9, -2, -6, -8, -5]);
/** mixed_returns is [nan, 1, 10, -4, 2, 3, 2, 1, -10]%: empyrical's nan-aware statistics see the last eight. */
const mixedReturns = percent([NaN, 1, 10, -4, 2, 3, 2, 1, -10]);
const mixed = mixedReturns.slice(1);
/** weekly_returns and monthly_returns: the same values with a 0 first, on weekly and month-end dates. */
const periodicReturns = percent([0, 1, 10, -4, 2, 3, 2, 1, -10]);
const flatLine1 = percent([1, 1, 1, 1, 1, 1, 1, 1, 1]);
const one = [-0.00171614, 0.01322056, 0.03063862, -0.01422057, -0.00489779, 0.01268925, -0.03357711, 0.01797036];
const two = [0.01846232, 0.00793951, -0.01448395, 0.00422537, -0.00339611, 0.03756813, 0.0151531, 0.03549769];

const DAILY = 252;
const WEEKLY = 52;
const MONTHLY = 12;
/** `assert_almost_equal(actual, desired, 8)`: |actual - desired| < 1.5e-8. */
const eightDecimals = (actual: number, desired: number): void => expect(Math.abs(actual - desired)).toBeLessThan(1.5e-8);

/** The series as an equity curve and back: every ratio below goes through returnsFromEquity, as computeMetrics does. */
function viaEquity(returns: number[]): Float64Array {
  return returnsFromEquity(curveFromReturns(returns).equity);
}

/**
 * A curve whose bars are 365.25 / periodsPerYear days apart, so that tickforge's calendar-time
 * CAGR covers exactly empyrical's `len(returns) / periodsPerYear` years.
 */
function periodicCurve(returns: number[], periodsPerYear: number) {
  return curveFromReturns(returns, { stepMs: yearMs / periodsPerYear, startTime: Date.UTC(2000, 0, 30) });
}

describe('empyrical TestStats reference values', () => {
  it('test_max_drawdown: mixed -0.1, negative = cum_returns_final, [10, -10, 10]% -0.1, no drawdown 0 (sign: tickforge reports the loss as a positive fraction)', () => {
    eightDecimals(maxDrawdown(curveFromReturns(mixedReturns).equity), 0.1);
    eightDecimals(maxDrawdown(curveFromReturns(percent([10, -10, 10])).equity), 0.1);
    expect(maxDrawdown(curveFromReturns(simpleBenchmark).equity)).toBe(0);
    expect(maxDrawdown(curveFromReturns(positiveReturns).equity)).toBe(0);
    expect(maxDrawdown(curveFromReturns([0.01]).equity)).toBe(0);
    // "negative returns means the drawdown is just the returns": 1 - prod(1 + r), -0.36590 in test_cum_returns_final.
    expect(maxDrawdown(curveFromReturns(negativeReturns).equity)).toBeCloseTo(0.3659, 4);
    expect(maxDrawdown(curveFromReturns(negativeReturns).equity)).toBeCloseTo(1 - negativeReturns.reduce((p, r) => p * (1 + r), 1), 12);
    expect(maxDrawdown(curveFromReturns(allNegativeReturns).equity)).toBeCloseTo(1 - allNegativeReturns.reduce((p, r) => p * (1 + r), 1), 12);
  });

  it('test_annual_ret / test_cagr: mixed daily 1.9135925373194231, weekly 0.24690830513998208, monthly 0.052242061386048144, one_return 11.274002099240244, 3% yearly 0.03', () => {
    const cagr = (returns: number[], periodsPerYear: number) =>
      computeMetrics({ curve: periodicCurve(returns, periodsPerYear), trades: [], periodsPerYear }).compoundAnnualGrowthRate;
    // empyrical counts mixed_returns' leading nan as a period of 0 (len 9), as curveFromReturns does.
    eightDecimals(cagr(mixedReturns, DAILY), 1.9135925373194231);
    eightDecimals(cagr(periodicReturns, WEEKLY), 0.24690830513998208);
    eightDecimals(cagr(periodicReturns, MONTHLY), 0.052242061386048144);
    eightDecimals(cagr([0.01], DAILY), 11.274002099240244);
    eightDecimals(cagr(percent([3, 3, 3]), 1), 0.03);
  });

  it('test_annual_volatility: mixed daily 0.9136465399704637, weekly 0.38851569394870583, monthly 0.18663690238892558, flat_line_1_tz 0', () => {
    eightDecimals(annualVolatility(viaEquity(mixed), DAILY), 0.9136465399704637);
    eightDecimals(annualVolatility(viaEquity(periodicReturns), WEEKLY), 0.38851569394870583);
    eightDecimals(annualVolatility(viaEquity(periodicReturns), MONTHLY), 0.18663690238892558);
    // 1000 returns of exactly 1%: through an equity curve they differ by rounding only, below the noise floor.
    expect(annualVolatility(viaEquity(new Array(1000).fill(0.01)), DAILY)).toBe(0);
  });

  it('test_calmar: mixed daily 19.135925373194233, weekly 2.4690830513998208, monthly 0.52242061386048144', () => {
    const calmar = (returns: number[], periodsPerYear: number) =>
      computeMetrics({ curve: periodicCurve(returns, periodsPerYear), trades: [], periodsPerYear }).calmarRatio;
    eightDecimals(calmar(mixedReturns, DAILY), 19.135925373194233);
    eightDecimals(calmar(periodicReturns, WEEKLY), 2.4690830513998208);
    eightDecimals(calmar(periodicReturns, MONTHLY), 0.52242061386048144);
  });

  it('test_omega: mixed at an annual 10.0 required return 0.83354263497557934, at 1% per period 0.8125; positive at 1.1% 1.125, at 2% 0; negative at 1% 0; nan without losses', () => {
    // empyrical converts required_return = 10 per year to (1 + 10)^(1/252) - 1 per day, as perPeriodRate does.
    eightDecimals(omegaRatio(viaEquity(mixed), perPeriodRate(10, DAILY)), 0.83354263497557934);
    eightDecimals(omegaRatio(viaEquity(mixed), 0.01), 0.8125);
    eightDecimals(omegaRatio(viaEquity(positiveReturns), 0.011), 1.125);
    eightDecimals(omegaRatio(viaEquity(positiveReturns), 0.02), 0);
    eightDecimals(omegaRatio(viaEquity(negativeReturns), 0.01), 0);
    expect(omegaRatio(positiveReturns, 0.01)).toBeNaN();
    expect(omegaRatio([0.01], 0)).toBeNaN();
    expect(omegaRatio([], 0)).toBeNaN();
  });

  it('test_sharpe_ratio: mixed 1.7238613961706866, positive 52.915026221291804, negative -24.406808633910085; nan for one return; flat_line_1 NaN where empyrical gives inf', () => {
    eightDecimals(sharpeRatio(viaEquity(mixed), DAILY), 1.7238613961706866);
    eightDecimals(sharpeRatio(viaEquity(positiveReturns), DAILY), 52.915026221291804);
    eightDecimals(sharpeRatio(viaEquity(negativeReturns), DAILY), -24.406808633910085);
    expect(sharpeRatio(viaEquity([0.01]), DAILY)).toBeNaN();
    expect(sharpeRatio([], DAILY)).toBeNaN();
    expect(sharpeRatio(viaEquity(flatLine1), DAILY)).toBeNaN();
  });

  it('test_downside_risk: mixed 0.60448325038829653 (target 0) and 1.7161730681956295 (0.1), weekly and monthly rows, df_simple one/two', () => {
    eightDecimals(downsideDeviation(viaEquity(mixed), DAILY, 0), 0.60448325038829653);
    eightDecimals(downsideDeviation(viaEquity(mixed), DAILY, 0.1), 1.7161730681956295);
    eightDecimals(downsideDeviation(viaEquity(periodicReturns), WEEKLY, 0), 0.25888650451930134);
    eightDecimals(downsideDeviation(viaEquity(periodicReturns), WEEKLY, 0.1), 0.7733045971672482);
    eightDecimals(downsideDeviation(viaEquity(periodicReturns), MONTHLY, 0), 0.1243650540411842);
    eightDecimals(downsideDeviation(viaEquity(periodicReturns), MONTHLY, 0.1), 0.37148351242013422);
    eightDecimals(downsideDeviation(viaEquity(one), DAILY, 0), 0.20671788246185202);
    eightDecimals(downsideDeviation(viaEquity(two), DAILY, 0), 0.083495680595704475);
    eightDecimals(downsideDeviation(viaEquity(one), WEEKLY, 0), 0.093902996054410062);
    eightDecimals(downsideDeviation(viaEquity(two), MONTHLY, 0), 0.018220251263412916);
    expect(downsideDeviation([0.01], DAILY, 0)).toBe(0);
    expect(downsideDeviation([], DAILY, 0)).toBeNaN();
  });

  it('test_sortino: mixed 2.605531251673693, mixed vs flat_line_1 -1.3934779588919977, negative -13.532743075043401, weekly, monthly, df_simple/df_week/df_month; NaN where empyrical gives inf', () => {
    eightDecimals(sortinoRatio(viaEquity(mixed), DAILY, 0), 2.605531251673693);
    eightDecimals(sortinoRatio(viaEquity(mixed), DAILY, 0.01), -1.3934779588919977);
    eightDecimals(sortinoRatio(viaEquity(negativeReturns), DAILY, 0), -13.532743075043401);
    eightDecimals(sortinoRatio(viaEquity(periodicReturns), WEEKLY, 0), 1.1158901056866439);
    eightDecimals(sortinoRatio(viaEquity(periodicReturns), MONTHLY, 0), 0.53605626741889756);
    eightDecimals(sortinoRatio(viaEquity(one), DAILY, 0), 3.0639640966566306);
    eightDecimals(sortinoRatio(viaEquity(two), DAILY, 0), 38.090963117002495);
    eightDecimals(sortinoRatio(viaEquity(one), WEEKLY, 0), 1.3918264112070571);
    eightDecimals(sortinoRatio(viaEquity(two), WEEKLY, 0), 17.303077589064618);
    eightDecimals(sortinoRatio(viaEquity(one), MONTHLY, 0), 0.6686117809312383);
    eightDecimals(sortinoRatio(viaEquity(two), MONTHLY, 0), 8.3121296084492844);
    expect(sortinoRatio(viaEquity(positiveReturns), DAILY, 0)).toBeNaN();
    expect(sortinoRatio(viaEquity(simpleBenchmark), DAILY, 0)).toBeNaN();
    expect(sortinoRatio([0.01], DAILY, 0)).toBeNaN();
  });

  it('test_excess_sharpe: mixed vs 0 0.10859306069076737, mixed vs flat_line_1 -0.06515583641446039 (informationRatio with periodsPerYear = 1)', () => {
    eightDecimals(informationRatio(viaEquity(mixed), new Float64Array(8), 1), 0.10859306069076737);
    eightDecimals(informationRatio(viaEquity(mixed), flatLine1.slice(1), 1), -0.06515583641446039);
    expect(informationRatio([0.01], [0.01], 1)).toBeNaN();
  });

  it('test_alpha_beta: mixed vs negative_returns[1:] beta -0.71296296296296313 and compounded alpha -0.9997853834885004; mixed vs ±mixed (0, ±1)', () => {
    // Aligned on dates, both series hold the eight returns from 31 January 2000 on.
    const result = alphaBeta(viaEquity(mixed), viaEquity(negativeReturns.slice(1)), DAILY);
    eightDecimals(result.beta, -0.71296296296296313);
    // empyrical annualises the intercept by compounding: (1 + alpha per day)^252 - 1.
    eightDecimals(Math.pow(1 + result.alphaPerPeriod, DAILY) - 1, -0.9997853834885004);
    expect(result.alpha).toBeCloseTo(result.alphaPerPeriod * DAILY, 14);
    const same = alphaBeta(mixed, mixed, DAILY);
    eightDecimals(same.alpha, 0);
    eightDecimals(same.beta, 1);
    const opposite = alphaBeta(mixed, mixed.map((r) => -r), DAILY);
    eightDecimals(opposite.alpha, 0);
    eightDecimals(opposite.beta, -1);
    expect(alphaBeta([0.01], [0.01], DAILY).beta).toBeNaN();
  });

  it('test_tail_ratio: one_return 1.0; mixed 0.9473684210526313 to empyrical\'s one decimal, and exactly by hand', () => {
    expect(tailRatio([0.01])).toBe(1);
    // mixed sorted: -0.10 -0.04 0.01 0.01 0.02 0.02 0.03 0.10 (n = 8).
    // 95th: h = 0.95·7 = 6.65 -> 0.03 + 0.65·(0.10 - 0.03) = 0.0755; 5th: h = 0.35 -> -0.10 + 0.35·0.06 = -0.079.
    // 0.0755 / 0.079 = 0.9556962025..., within empyrical's assert_almost_equal(..., 1) of 0.947.
    expect(tailRatio(mixed)).toBeCloseTo(0.0755 / 0.079, 12);
    expect(Math.abs(tailRatio(viaEquity(mixed)) - 0.9473684210526313)).toBeLessThan(1.5e-1);
    expect(tailRatio([])).toBeNaN();
  });

  it('test_value_at_risk and test_conditional_value_at_risk', () => {
    expect(valueAtRisk([1, 2], 0)).toBeCloseTo(1, 12);
    expect(valueAtRisk([1, 2], 0.3)).toBeCloseTo(1.3, 12);
    expect(valueAtRisk([1, 2], 1)).toBeCloseTo(2, 12);
    expect(valueAtRisk([1, 81, 82, 83, 84, 85], 0.1)).toBeCloseTo(41, 12);
    expect(valueAtRisk([1, 81, 82, 83, 84, 85], 0.2)).toBeCloseTo(81, 12);
    expect(valueAtRisk([1, 81, 82, 83, 84, 85], 0.3)).toBeCloseTo(81.5, 12);
    // "A single-valued array will always just have a CVaR of its only value."
    expect(expectedShortfall([-0.013], 0)).toBe(-0.013);
    expect(expectedShortfall([-0.013], 1)).toBe(-0.013);
    // The expected CVaR is mean(returns[returns <= VaR]), here for 21 values at several cutoffs.
    const returns = Array.from({ length: 21 }, (_, i) => Math.sin(i * 1.7) * 0.02);
    for (const cutoff of [0, 0.0499, 0.05, 0.2, 0.999, 1]) {
      const threshold = valueAtRisk(returns, cutoff);
      const tail = returns.filter((r) => r <= threshold);
      expect(expectedShortfall(returns, cutoff)).toBeCloseTo(tail.reduce((a, b) => a + b, 0) / tail.length, 14);
    }
  });

  it('test_roll_sharpe_ratio: negative_returns window 6 and mixed_returns window 6', () => {
    const negative = rollingMetrics(curveFromReturns(negativeReturns), 6, DAILY).sharpeRatio;
    // Bars 6..9 of the 10-point curve close empyrical's four windows.
    [-18.09162052, -26.79897486, -26.69138263, -25.72298838].forEach((expected, k) => expect(negative[6 + k]).toBeCloseTo(expected, 7));
    // mixed_returns' first window [nan, 1, 10, -4, 2, 3]% holds five returns: a window of 5 here.
    expect(rollingMetrics(curveFromReturns(mixed), 5, DAILY).sharpeRatio[5]).toBeCloseTo(7.57445259, 7);
    const full = rollingMetrics(curveFromReturns(mixed), 6, DAILY).sharpeRatio;
    [8.22784105, 8.22784105, -3.1374751].forEach((expected, k) => expect(full[6 + k]).toBeCloseTo(expected, 7));
  });

  it('test_aggregate_returns (MONTHLY): simple_benchmark daily from 2000-01-30 [0.01, 0.03030099999999991]; weekly_returns [0.0, 0.0878912, -0.0450046]', () => {
    const daily = curveFromReturns(simpleBenchmark, { startTime: Date.UTC(2000, 0, 29) });
    // Point 0 is the capital before the first return (29 January); the returns' bars are points 1..9.
    const dailyCurve = { time: daily.time.subarray(1), equity: daily.equity.subarray(1), exposure: daily.exposure.subarray(1) };
    const byMonth = monthlyReturns(dailyCurve, 1);
    expect(byMonth.map((m) => [m.year, m.month])).toEqual([[2000, 1], [2000, 2]]);
    eightDecimals(byMonth[0].return, 0.01);
    eightDecimals(byMonth[1].return, 0.03030099999999991);
    // weekly_returns: Sundays from 2000-01-30 (freq 'W').
    const weekly = curveFromReturns(periodicReturns, { startTime: Date.UTC(2000, 0, 23), stepMs: 7 * 86_400_000 });
    const weeklyCurve = { time: weekly.time.subarray(1), equity: weekly.equity.subarray(1), exposure: weekly.exposure.subarray(1) };
    const weeklyByMonth = monthlyReturns(weeklyCurve, 1);
    expect(weeklyByMonth.map((m) => m.month)).toEqual([1, 2, 3]);
    [0.0, 0.0878912, -0.0450046].forEach((expected, k) => eightDecimals(weeklyByMonth[k].return, expected));
  });
});
