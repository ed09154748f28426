import type { Bars } from '../core/Bars.js';
import { computeAll } from '../indicators/computeAll.js';
import { ColumnSet } from './ColumnSet.js';
import { createMemo } from './createMemo.js';
import { alignHigherTimeframe } from './HigherTimeframeBars.js';
import { prepareStrategy, type PreparedStrategy } from './prepareStrategy.js';
import type { Signal } from './Signal.js';
import { SignalCollector } from './SignalCollector.js';
import type { Strategy, StrategyInput } from './Strategy.js';

export interface RunStrategyOptions {
  /** Results shared across runs over the same bars (several strategies, the universe scan): see `StrategyInput.memo`. */
  memo?: Map<string, unknown>;
}

/**
 * The vectorized run of a strategy over one series: validates the parameters, computes the
 * declared indicators once with `computeAll` (and the higher timeframe's, over its closed
 * bars), then lets the strategy scan the arrays. Returns the signals in bar order.
 * @throws TF_ERR_STRATEGY_PARAMETER, TF_ERR_STRATEGY_INPUT, TF_ERR_STRATEGY_SIGNAL
 */
export function runStrategy(strategy: Strategy, bars: Bars, parameters: Record<string, number | string> = {}, options: RunStrategyOptions = {}): Signal[] {
  return runPreparedStrategy(prepareStrategy(strategy, parameters), bars, options);
}

/**
 * The columns of a strategy's indicator plan over `bars`, through the memo a run over the same
 * bars uses: after `runStrategy(..., { memo })`, asking again (to draw them) computes nothing.
 * Indicators are memoised per series, so strategies and grid points sharing the memo compute
 * each distinct one once.
 */
export function strategyIndicators(prepared: PreparedStrategy, bars: Bars, memo?: Map<string, unknown>): Map<string, Float64Array> {
  const indicatorMemo = createMemo(memo)('computeAll', () => new Map<string, Float64Array | Float64Array[]>());
  return computeAll(bars, prepared.plan, { memo: indicatorMemo });
}

/**
 * `runStrategy` with the validation and plan resolution done once (`prepareStrategy`), for
 * callers that run one strategy over many series.
 * @throws TF_ERR_STRATEGY_INPUT, TF_ERR_STRATEGY_SIGNAL
 */
export function runPreparedStrategy(prepared: PreparedStrategy, bars: Bars, options: RunStrategyOptions = {}): Signal[] {
  const { strategy, parameters: values } = prepared;
  const memo = createMemo(options.memo);
  const indicators = new ColumnSet(strategyIndicators(prepared, bars, options.memo));
  const input: StrategyInput = { symbol: bars.symbol, bars, indicators, memo };
  const higherTimeframe = strategy.higherTimeframe?.(values, bars.timeframe);
  if (higherTimeframe !== undefined) {
    const aligned = memo(`higher:${higherTimeframe.code}`, () => alignHigherTimeframe(bars, higherTimeframe));
    const higherMemo = memo(`computeAll:${higherTimeframe.code}`, () => new Map<string, Float64Array | Float64Array[]>());
    input.higher = { bars: aligned.bars, visible: aligned.visible, indicators: new ColumnSet(computeAll(aligned.bars, prepared.higherPlan, { memo: higherMemo })) };
  }
  const collector = new SignalCollector(strategy.name, bars.symbol, (i) => bars.time[i], (i) => bars.close[i]);
  strategy.run(input, values, collector.emit);
  return collector.signals;
}
