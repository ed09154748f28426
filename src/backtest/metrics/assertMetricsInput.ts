import { TickforgeError } from '../../core/errors.js';
import type { EquityCurve, Trade } from '../Trade.js';

function fail(message: string, details: Record<string, unknown>): never {
  throw new TickforgeError('TF_ERR_BACKTEST_METRICS_INPUT', message, { details });
}

/**
 * The curve the analytics can read: three columns of one length (at least one bar), finite
 * times in strictly increasing order, finite equity and exposure. A NaN names its bar, because
 * it means the simulator marked a position with a missing price and every ratio after it would
 * silently be NaN too. The one exception is a ruined account: where the equity is at or below 0
 * with a position open, gross exposure over equity is +Infinity (the simulator's curve says so),
 * and the metrics count it as 0 as they count returns after ruin.
 */
export function assertEquityCurve(curve: EquityCurve): void {
  const { time, equity, exposure } = curve;
  const n = equity.length;
  if (n === 0) fail('The equity curve is empty: run the backtest over at least one bar before computing metrics.', { length: 0 });
  if (time.length !== n || exposure.length !== n) {
    fail(`The equity curve's columns differ in length (time ${time.length}, equity ${n}, exposure ${exposure.length}); build them from one clock.`, {
      time: time.length,
      equity: n,
      exposure: exposure.length,
    });
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(time[i])) fail(`curve.time at bar ${i} is ${time[i]}; every bar needs a finite time in ms since the epoch.`, { bar: i, value: time[i] });
    if (i > 0 && !(time[i] > time[i - 1])) {
      fail(`curve.time goes backwards or repeats at bar ${i} (${time[i]} after ${time[i - 1]}); the curve must have one point per bar in time order.`, {
        bar: i,
        value: time[i],
        previous: time[i - 1],
      });
    }
    if (!Number.isFinite(equity[i])) {
      fail(`curve.equity at bar ${i} (time ${time[i]}) is ${equity[i]}; the simulator must mark every bar with a finite value (a missing price?).`, {
        bar: i,
        time: time[i],
        value: equity[i],
      });
    }
    if (!Number.isFinite(exposure[i]) && !(exposure[i] === Infinity && equity[i] <= 0)) {
      fail(`curve.exposure at bar ${i} (time ${time[i]}) is ${exposure[i]}; it must be finite (or +Infinity where the equity is at or below 0).`, { bar: i, time: time[i], value: exposure[i] });
    }
  }
}

/** A named option that must be a finite number above `minimum` (exclusive). */
export function assertAbove(name: string, value: number, minimum: number): void {
  if (!(Number.isFinite(value) && value > minimum)) fail(`${name} is ${value}; it must be a finite number above ${minimum}.`, { parameter: name, value });
}

/** The starting value of a series: its returns and drawdowns are fractions of it. */
export function assertStartingEquity(name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) {
    fail(`${name} is ${value}; returns are fractions of the starting equity, which must be finite and above 0 (pass initialCapital if the curve starts after a loss).`, {
      parameter: name,
      value,
    });
  }
}

/** A benchmark equity series on the curve's clock. */
export function assertBenchmark(benchmark: Float64Array, length: number): void {
  if (benchmark.length !== length) {
    fail(`The benchmark has ${benchmark.length} values but the curve has ${length} bars; sample it on the curve's clock.`, { benchmark: benchmark.length, curve: length });
  }
  for (let i = 0; i < length; i++) {
    if (!Number.isFinite(benchmark[i])) fail(`benchmark at bar ${i} is ${benchmark[i]}; it must be finite.`, { bar: i, value: benchmark[i] });
  }
  assertStartingEquity('benchmark[0]', benchmark[0]);
}

const tradeNumbers = ['quantity', 'entryTime', 'entryIndex', 'entryPrice', 'exitTime', 'exitIndex', 'exitPrice', 'pnl', 'fees', 'slippage', 'funding'] as const;

/** Every amount of every trade finite; the message names the trade and the field. */
export function assertTrades(trades: readonly Trade[]): void {
  for (let k = 0; k < trades.length; k++) {
    const trade = trades[k];
    for (const field of tradeNumbers) {
      const value = trade[field];
      if (!Number.isFinite(value)) {
        fail(`Trade ${trade.id} (position ${k} in the ledger, ${trade.symbol}) has ${field} = ${value}; every amount of a trade must be finite.`, {
          trade: trade.id,
          position: k,
          field,
          value,
        });
      }
    }
  }
}

/** The rolling window in periods (returns): an integer of at least 2, as a sample deviation needs. */
export function assertWindow(window: number): void {
  if (!(Number.isInteger(window) && window >= 2)) fail(`window is ${window}; it must be an integer of at least 2 returns (a sample deviation needs two).`, { parameter: 'window', value: window });
}
