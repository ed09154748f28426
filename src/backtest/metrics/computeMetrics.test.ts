import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import type { EquityCurve, Trade } from '../Trade.js';
import { yearMs } from './compoundAnnualGrowthRate.js';
import { computeMetrics } from './computeMetrics.js';
import type { PerformanceMetrics } from './PerformanceMetrics.js';

const day = 86_400_000;
const quarter = yearMs / 4;

/** Quarterly bars a calendar quarter (365.25 / 4 days) apart, so four periods are exactly one year. */
function quarterlyCurve(equity: number[], exposure?: number[]): EquityCurve {
  return {
    time: Float64Array.from(equity, (_, i) => i * quarter),
    equity: Float64Array.from(equity),
    exposure: Float64Array.from(exposure ?? equity.map(() => 1)),
  };
}

function dailyCurve(equity: number[]): EquityCurve {
  return { time: Float64Array.from(equity, (_, i) => Date.UTC(2024, 0, 1) + i * day), equity: Float64Array.from(equity), exposure: new Float64Array(equity.length) };
}

function makeTrade(fields: Partial<Trade> & Pick<Trade, 'id' | 'pnl'>): Trade {
  return {
    symbol: 'AAPL',
    strategy: 'crossover',
    side: 'long',
    quantity: 1,
    entryTime: 0,
    entryIndex: 0,
    entryPrice: 100,
    exitTime: 1,
    exitIndex: 1,
    exitPrice: 100,
    returnFraction: 0,
    fees: 0,
    slippage: 0,
    funding: 0,
    exitReason: 'signal',
    ...fields,
  };
}

/**
 * A synthetic three-trade ledger (amounts chosen for easy arithmetic, not reconciled with the curve):
 * pnl +190, -55, -10; fees 5 + 3 + 1 = 9; slippage 3 + 1 + 0 = 4; funding 2 + 1 - 0.5 = 2.5;
 * notional 10·(100 + 120) + 5·(50 + 60) + 2·(100 + 100) = 2200 + 550 + 400 = 3150; holding 1, 2, 2 bars.
 */
const ledger: Trade[] = [
  makeTrade({ id: 1, quantity: 10, entryPrice: 100, exitPrice: 120, pnl: 190, fees: 5, slippage: 3, funding: 2, entryIndex: 0, exitIndex: 1, entryTime: 0, exitTime: quarter, tag: 'breakout' }),
  makeTrade({ id: 2, symbol: 'MSFT', side: 'short', quantity: 5, entryPrice: 50, exitPrice: 60, pnl: -55, fees: 3, slippage: 1, funding: 1, entryIndex: 1, exitIndex: 3, entryTime: quarter, exitTime: 3 * quarter }),
  makeTrade({ id: 3, strategy: 'reversion', quantity: 2, entryPrice: 100, exitPrice: 100, pnl: -10, fees: 1, slippage: 0, funding: -0.5, entryIndex: 2, exitIndex: 4, entryTime: 2 * quarter, exitTime: 4 * quarter, tag: 'breakout' }),
];

describe('computeMetrics on a hand-computed quarterly curve', () => {
  // equity 100, 120, 90, 108, 135 -> returns 0.2, -0.25, 0.2, 0.25 (four quarters = one year).
  // mean = 0.4 / 4 = 0.1; deviations 0.1, -0.35, 0.1, 0.15; squares 0.01 + 0.1225 + 0.01 + 0.0225 = 0.165;
  // sample variance 0.165 / 3 = 0.055, deviation sqrt(0.055) = 0.2345207879911715.
  const curve = quarterlyCurve([100, 120, 90, 108, 135], [0, 1, 1, 0.5, 0]);
  // Benchmark 100, 110, 99, 108.9, 119.79 -> returns 0.1, -0.1, 0.1, 0.1.
  const benchmark = Float64Array.from([100, 110, 99, 108.9, 119.79]);
  const m = computeMetrics({ curve, trades: ledger, benchmark, periodsPerYear: 4 });

  it('returns and their risk', () => {
    expect(m.totalReturn).toBeCloseTo(0.35, 12); // 135 / 100 - 1
    expect(m.years).toBeCloseTo(1, 14);
    expect(m.compoundAnnualGrowthRate).toBeCloseTo(0.35, 12); // 1.35^(1 / 1 year) - 1
    expect(m.annualVolatility).toBeCloseTo(Math.sqrt(0.055) * 2, 12); // 0.4690415759823430
    expect(m.sharpeRatio).toBeCloseTo((0.1 / Math.sqrt(0.055)) * 2, 12); // 0.8528028654224418
    // Downside: only -0.25 falls below 0: sqrt(0.0625 / 4) = 0.125; Sortino 0.1 / 0.125 · 2 = 1.6.
    expect(m.sortinoRatio).toBeCloseTo(1.6, 12);
    // Omega: gains 0.2 + 0.2 + 0.25 = 0.65 over losses 0.25 = 2.6.
    expect(m.omegaRatio).toBeCloseTo(2.6, 12);
    // Sorted -0.25, 0.2, 0.2, 0.25. 95th: h = 2.85 -> 0.2 + 0.85·0.05 = 0.2425; 5th: h = 0.15 -> -0.25 + 0.15·0.45 = -0.1825.
    expect(m.tailRatio).toBeCloseTo(0.2425 / 0.1825, 12);
    expect(m.valueAtRisk95).toBeCloseTo(-0.1825, 12);
    expect(m.valueAtRisk99).toBeCloseTo(-0.25 + 0.03 * 0.45, 12); // h = 0.03 -> -0.2365
    // floor(3 · 0.05) + 1 = 1 lowest return.
    expect(m.expectedShortfall95).toBeCloseTo(-0.25, 12);
    expect(m.expectedShortfall99).toBeCloseTo(-0.25, 12);
    expect(m.periods).toBe(4);
    expect(m.bars).toBe(5);
  });

  it('drawdown: 120 -> 90 is 25%, recovered at bar 4 (135 >= 120), three bars and three quarters from the peak', () => {
    expect(m.maxDrawdown).toBeCloseTo(0.25, 14);
    expect(m.maxDrawdownDurationBars).toBe(3);
    expect(m.maxDrawdownDurationMs).toBeCloseTo(3 * quarter, 3);
    expect(m.maxDrawdownRecovered).toBe(true);
    expect(m.longestDrawdownDurationBars).toBe(3);
    expect(m.calmarRatio).toBeCloseTo(0.35 / 0.25, 12); // 1.4
  });

  it('trade statistics, exposure and turnover', () => {
    expect(m.tradeCount).toBe(3);
    expect(m.winRate).toBeCloseTo(1 / 3, 14);
    expect(m.grossProfit).toBe(190);
    expect(m.grossLoss).toBe(65);
    expect(m.profitFactor).toBeCloseTo(190 / 65, 14);
    expect(m.expectancy).toBeCloseTo(125 / 3, 12);
    expect(m.averageWin).toBe(190);
    expect(m.averageLoss).toBe(-32.5);
    expect(m.winLossRatio).toBeCloseTo(190 / 32.5, 14);
    expect(m.averageHoldingBars).toBeCloseTo(5 / 3, 14);
    expect(m.averageHoldingMs).toBeCloseTo((5 / 3) * quarter, 3);
    expect(m.totalFees).toBe(9);
    expect(m.totalSlippage).toBe(4);
    expect(m.totalFunding).toBe(2.5);
    expect(m.tradedNotional).toBe(3150);
    // Exposure 0, 1, 1, 0.5, 0: mean 2.5 / 5 = 0.5; three bars of five above 0.
    expect(m.averageExposure).toBeCloseTo(0.5, 14);
    expect(m.timeInMarket).toBeCloseTo(0.6, 14);
    // Mean equity 553 / 5 = 110.6; 3150 / 110.6 · 4 periods a year / 5 bars = 22.78481012658228.
    expect(m.turnover).toBeCloseTo(((3150 / 110.6) * 4) / 5, 10);
  });

  it('benchmark: beta 7/3, alpha -1/60 a quarter, correlation, tracking error and information ratio', () => {
    const b = m.benchmark!;
    expect(b.totalReturn).toBeCloseTo(0.1979, 12);
    expect(b.compoundAnnualGrowthRate).toBeCloseTo(0.1979, 12);
    expect(b.maxDrawdown).toBeCloseTo(0.1, 12); // 110 -> 99
    // Benchmark mean 0.05, deviations 0.05, -0.15, 0.05, 0.05: sum of squares 0.03.
    // Cross products with the strategy's deviations 0.1, -0.35, 0.1, 0.15: 0.005 + 0.0525 + 0.005 + 0.0075 = 0.07.
    expect(b.beta).toBeCloseTo(0.07 / 0.03, 12);
    // alpha per quarter 0.1 - (7/3)·0.05 = -1/60; times 4 = -1/15.
    expect(b.alpha).toBeCloseTo(-1 / 15, 12);
    expect(b.correlation).toBeCloseTo(0.07 / Math.sqrt(0.03 * 0.165), 12);
    // Active returns 0.1, -0.15, 0.1, 0.15: mean 0.05, squares of deviations 0.0025 + 0.04 + 0.0025 + 0.01 = 0.055, variance 0.055 / 3.
    expect(b.trackingError).toBeCloseTo(Math.sqrt(0.055 / 3) * 2, 12);
    expect(b.informationRatio).toBeCloseTo((0.05 / Math.sqrt(0.055 / 3)) * 2, 12);
  });

  it('a risk-free rate is taken per period by compounding and lowers Sharpe and Sortino', () => {
    const withRate = computeMetrics({ curve, trades: ledger, periodsPerYear: 4, riskFreeRate: 0.1 });
    const perQuarter = Math.pow(1.1, 1 / 4) - 1; // 0.02411368908444511
    expect(withRate.sharpeRatio).toBeCloseTo(((0.1 - perQuarter) / Math.sqrt(0.055)) * 2, 12);
    // Shortfalls below the per-quarter rate: only -0.25 - rf.
    const downside = Math.sqrt((-0.25 - perQuarter) ** 2 / 4);
    expect(withRate.sortinoRatio).toBeCloseTo(((0.1 - perQuarter) / downside) * 2, 12);
    expect(withRate.annualVolatility).toBeCloseTo(m.annualVolatility, 14);
    expect(withRate.omegaRatio).toBeCloseTo(m.omegaRatio, 14);
  });
});

describe('computeMetrics with initialCapital', () => {
  it('the capital before bar 0 leads the returns, the total return and the first drawdown peak, one median step earlier', () => {
    // Capital 100 on 31 Dec, then 90, 100, 120 (daily): returns -0.1, 0.1111..., 0.2.
    const m = computeMetrics({ curve: dailyCurve([90, 100, 120]), trades: [], periodsPerYear: 365, initialCapital: 100 });
    expect(m.startingEquity).toBe(100);
    expect(m.startTime).toBe(Date.UTC(2023, 11, 31));
    expect(m.periods).toBe(3);
    expect(m.totalReturn).toBeCloseTo(0.2, 14);
    expect(m.years).toBeCloseTo(3 / 365.25, 14);
    expect(m.compoundAnnualGrowthRate).toBeCloseTo(Math.pow(1.2, 365.25 / 3) - 1, 6);
    // 100 -> 90 is a 10% drawdown from the starting capital, recovered on the second bar (100 >= 100).
    expect(m.maxDrawdown).toBeCloseTo(0.1, 14);
    expect(m.maxDrawdownDurationBars).toBe(2);
    expect(m.maxDrawdownDurationMs).toBe(2 * day);
  });

  it('without it, the first bar is the base and a first-bar loss is invisible', () => {
    const m = computeMetrics({ curve: dailyCurve([90, 100, 120]), trades: [], periodsPerYear: 365 });
    expect(m.totalReturn).toBeCloseTo(120 / 90 - 1, 14);
    expect(m.maxDrawdown).toBe(0);
    expect(m.periods).toBe(2);
  });
});

describe('computeMetrics edge cases', () => {
  function expectNoInfinity(m: PerformanceMetrics): void {
    for (const [key, value] of Object.entries(m)) if (typeof value === 'number') expect(Number.isFinite(value) || Number.isNaN(value), key).toBe(true);
  }

  it('no trades: counts and totals 0, ratios NaN, a note, no crash', () => {
    const m = computeMetrics({ curve: dailyCurve([100, 101, 99, 102]), trades: [], periodsPerYear: 252 });
    expect(m.tradeCount).toBe(0);
    expect(m.totalFees).toBe(0);
    expect(m.tradedNotional).toBe(0);
    expect(m.turnover).toBe(0);
    for (const key of ['winRate', 'profitFactor', 'expectancy', 'averageWin', 'averageLoss', 'winLossRatio', 'averageHoldingMs', 'averageHoldingBars'] as const) expect(m[key], key).toBeNaN();
    expect(m.notes.some((note) => note.startsWith('No trades'))).toBe(true);
    expect(Number.isFinite(m.sharpeRatio)).toBe(true);
  });

  it('flat equity: volatility 0, Sharpe, Sortino, Omega and Calmar NaN (never Infinity), CAGR 0', () => {
    const m = computeMetrics({ curve: dailyCurve([100, 100, 100, 100]), trades: [], periodsPerYear: 252 });
    expect(m.annualVolatility).toBe(0);
    expect(m.sharpeRatio).toBeNaN();
    expect(m.sortinoRatio).toBeNaN();
    expect(m.omegaRatio).toBeNaN();
    expect(m.calmarRatio).toBeNaN();
    expect(m.tailRatio).toBeNaN();
    expect(m.maxDrawdown).toBe(0);
    expect(m.compoundAnnualGrowthRate).toBe(0);
    expect(m.notes.some((note) => note.includes('never vary'))).toBe(true);
    expectNoInfinity(m);
    expect(JSON.stringify(m)).not.toContain('Infinity');
  });

  it('constant growth: returns equal up to rounding still count as no volatility', () => {
    const equity = [100];
    for (let i = 1; i < 60; i++) equity.push(equity[i - 1] * 1.003);
    const m = computeMetrics({ curve: dailyCurve(equity), trades: [], periodsPerYear: 252 });
    expect(m.annualVolatility).toBe(0);
    expect(m.sharpeRatio).toBeNaN();
    expectNoInfinity(m);
  });

  it('a curve of one bar: no returns, everything that needs one is NaN, the rest is defined', () => {
    const m = computeMetrics({ curve: dailyCurve([100]), trades: [], periodsPerYear: 252 });
    expect(m.periods).toBe(0);
    expect(m.totalReturn).toBe(0);
    expect(m.maxDrawdown).toBe(0);
    expect(m.maxDrawdownDurationBars).toBe(0);
    for (const key of ['compoundAnnualGrowthRate', 'annualVolatility', 'sharpeRatio', 'sortinoRatio', 'calmarRatio', 'omegaRatio', 'tailRatio', 'valueAtRisk95', 'expectedShortfall95'] as const) expect(m[key], key).toBeNaN();
    expect(m.notes.length).toBeGreaterThanOrEqual(3);
    expectNoInfinity(m);
  });

  it('one bar with a benchmark and initialCapital: still no crash', () => {
    const m = computeMetrics({ curve: dailyCurve([110]), trades: [], periodsPerYear: 252, initialCapital: 100, benchmark: Float64Array.of(50) });
    expect(m.totalReturn).toBeCloseTo(0.1, 14);
    expect(m.periods).toBe(1);
    expect(m.compoundAnnualGrowthRate).toBeNaN();
    expect(m.benchmark!.beta).toBeNaN();
    expect(m.benchmark!.totalReturn).toBe(0);
  });

  it('ruin: equity at or below zero stops the returns, CAGR -1, a drawdown beyond 100%, a note', () => {
    // Returns 50 / 100 - 1 = -0.5, then -10 / 50 - 1 = -1.2, then 0 (nothing left to earn a fraction of).
    // Mean -1.7 / 3; deviations 1/15, -19/30, 17/30; sum of squares 0.72666..., sample variance 0.36333...
    const m = computeMetrics({ curve: dailyCurve([100, 50, -10, -5]), trades: [], periodsPerYear: 252 });
    expect(m.ruinIndex).toBe(2);
    expect(m.compoundAnnualGrowthRate).toBe(-1);
    expect(m.maxDrawdown).toBeCloseTo(1.1, 14);
    expect(m.maxDrawdownRecovered).toBe(false);
    expect(m.annualVolatility).toBeCloseTo(Math.sqrt(((1 / 15) ** 2 + (19 / 30) ** 2 + (17 / 30) ** 2) / 2) * Math.sqrt(252), 10);
    expect(m.notes.some((note) => note.includes('bar 2'))).toBe(true);
  });

  it('ruin with a position open: the infinite exposure from the ruin on counts as 0; an infinite exposure before it is refused', () => {
    const curve = dailyCurve([100, 80, -20, -40]);
    curve.exposure.set([1, 1.5, Infinity, Infinity]);
    const m = computeMetrics({ curve, trades: [], periodsPerYear: 252 });
    expect(m.averageExposure).toBeCloseTo(2.5 / 4, 14);
    expect(m.timeInMarket).toBe(0.5);
    expect(m.notes.join(' ')).toMatch(/at bar 2 \(ruin\): later per-period returns and exposures count as 0/);
    curve.exposure[1] = Infinity;
    expect(() => computeMetrics({ curve, trades: [], periodsPerYear: 252 })).toThrow(/curve.exposure at bar 1 .* is Infinity; it must be finite \(or \+Infinity where the equity is at or below 0\)/);
  });

  it('no losing trade: profit factor NaN with a note', () => {
    const m = computeMetrics({ curve: dailyCurve([100, 110]), trades: [makeTrade({ id: 1, pnl: 10 })], periodsPerYear: 252 });
    expect(m.winRate).toBe(1);
    expect(m.profitFactor).toBeNaN();
    expect(m.notes.some((note) => note.startsWith('No losing trade'))).toBe(true);
  });

  function expectInputError(run: () => unknown, pattern: RegExp): void {
    try {
      run();
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_BACKTEST_METRICS_INPUT'), String(error)).toBe(true);
      expect((error as Error).message).toMatch(pattern);
      return;
    }
    throw new Error('expected TF_ERR_BACKTEST_METRICS_INPUT');
  }

  it('bad input: an error that names the bar, the trade or the parameter', () => {
    const base = dailyCurve([100, 101, 102, 103, 104]);
    const withNaN = { ...base, equity: Float64Array.of(100, 101, 102, NaN, 104) };
    expectInputError(() => computeMetrics({ curve: withNaN, trades: [], periodsPerYear: 252 }), /curve\.equity at bar 3 .* is NaN/);
    expectInputError(() => computeMetrics({ curve: { ...base, exposure: Float64Array.of(0, 0, Infinity, 0, 0) }, trades: [], periodsPerYear: 252 }), /exposure at bar 2/);
    expectInputError(() => computeMetrics({ curve: { ...base, time: Float64Array.of(0, 2, 1, 3, 4) }, trades: [], periodsPerYear: 252 }), /backwards or repeats at bar 2/);
    expectInputError(() => computeMetrics({ curve: { ...base, exposure: new Float64Array(4) }, trades: [], periodsPerYear: 252 }), /differ in length/);
    expectInputError(() => computeMetrics({ curve: dailyCurve([]), trades: [], periodsPerYear: 252 }), /empty/);
    expectInputError(() => computeMetrics({ curve: base, trades: [], periodsPerYear: 0 }), /periodsPerYear is 0/);
    expectInputError(() => computeMetrics({ curve: base, trades: [], periodsPerYear: 252, riskFreeRate: NaN }), /riskFreeRate/);
    expectInputError(() => computeMetrics({ curve: base, trades: [], periodsPerYear: 252, initialCapital: -5 }), /initialCapital is -5/);
    expectInputError(() => computeMetrics({ curve: dailyCurve([0, 1]), trades: [], periodsPerYear: 252 }), /curve\.equity\[0\] is 0/);
    expectInputError(() => computeMetrics({ curve: base, trades: [], periodsPerYear: 252, benchmark: new Float64Array(3) }), /benchmark has 3 values/);
    expectInputError(() => computeMetrics({ curve: base, trades: [makeTrade({ id: 7, pnl: NaN })], periodsPerYear: 252 }), /Trade 7 .* pnl = NaN/);
  });
});
