import type { Timeframe } from '../core/Timeframe.js';
import { PlanStream } from '../indicators/PlanStream.js';
import { HigherTimeframeAggregator, type HigherBar } from './HigherTimeframeBars.js';
import { resolveStrategyParameters } from './resolveStrategyParameters.js';
import type { Signal } from './Signal.js';
import { SignalCollector } from './SignalCollector.js';
import type { HigherTimeframeState, Strategy, StrategyBar, StrategyState } from './Strategy.js';

/**
 * The incremental run of a strategy on one symbol (the live trader's form): feed closed bars
 * one at a time, get that bar's signals. Indicators update as streams, the higher timeframe
 * is aggregated as bars arrive and becomes visible only when a higher bar closes. Fed the
 * bars of a series, it emits what `runStrategy` returns for that series.
 */
export class StrategyRunner {
  /** Every signal so far, in order. */
  readonly signals: Signal[];
  private readonly state: StrategyState;
  private readonly collector: SignalCollector;
  private readonly bar: StrategyBar;
  private readonly aggregator?: HigherTimeframeAggregator;
  private readonly higher?: HigherTimeframeState;
  /** The closed-bar lists a step can expose (none, one, two), built once so that no update allocates. */
  private readonly closedViews?: ReadonlyArray<readonly HigherBar[]>;

  /** @throws TF_ERR_STRATEGY_PARAMETER, TF_ERR_STRATEGY_INPUT */
  constructor(
    readonly strategy: Strategy,
    readonly symbol: string,
    readonly timeframe: Timeframe,
    parameters: Record<string, number | string> = {},
  ) {
    const values = resolveStrategyParameters(strategy, parameters);
    this.bar = { index: -1, time: NaN, open: NaN, high: NaN, low: NaN, close: NaN, volume: NaN, indicators: new PlanStream(strategy.indicators(values)) };
    const higherTimeframe = strategy.higherTimeframe?.(values, timeframe);
    if (higherTimeframe !== undefined) {
      this.aggregator = new HigherTimeframeAggregator(timeframe, higherTimeframe);
      const [first, second] = this.aggregator.closed;
      this.closedViews = [[], [first], [first, second]];
      this.higher = { closedCount: 0, bar: first, closed: this.closedViews[0], indicators: new PlanStream(strategy.higherIndicators?.(values) ?? []), changed: false };
      this.bar.higher = this.higher;
    }
    const bar = this.bar;
    // The collector checks a signal against the bar being processed: live, only that bar exists.
    this.collector = new SignalCollector(strategy.name, symbol, (i) => (i === bar.index ? bar.time : NaN), (i) => (i === bar.index ? bar.close : NaN));
    this.signals = this.collector.signals;
    this.state = strategy.createState(values, { symbol, timeframe, higherTimeframe });
  }

  /** Feeds the next closed bar; returns how many signals it produced (the last ones of `signals`). */
  update(time: number, open: number, high: number, low: number, close: number, volume: number): number {
    const bar = this.bar;
    bar.index++;
    bar.time = time;
    bar.open = open;
    bar.high = high;
    bar.low = low;
    bar.close = close;
    bar.volume = volume;
    bar.indicators.update(time, open, high, low, close, volume);
    const higher = this.higher;
    if (higher !== undefined) {
      const aggregator = this.aggregator!;
      const closed = aggregator.update(time, open, high, low, close, volume);
      for (let k = 0; k < closed; k++) {
        const higherBar = aggregator.closed[k];
        higher.indicators.update(higherBar.time, higherBar.open, higherBar.high, higherBar.low, higherBar.close, higherBar.volume);
      }
      if (closed > 0) higher.bar = aggregator.closed[closed - 1];
      higher.closedCount = aggregator.closedCount;
      higher.changed = closed > 0;
      higher.closed = this.closedViews![closed];
    }
    const before = this.signals.length;
    this.state.update(bar, this.collector.emit);
    return this.signals.length - before;
  }
}
