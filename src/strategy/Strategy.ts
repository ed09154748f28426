import type { Bars } from '../core/Bars.js';
import type { Timeframe } from '../core/Timeframe.js';
import type { PlanEntry } from '../indicators/computeAll.js';
import type { PlanStream } from '../indicators/PlanStream.js';
import type { ParameterDefinition, ParameterValues } from '../indicators/registry/IndicatorDefinition.js';
import type { ColumnSet } from './ColumnSet.js';
import type { HigherBar } from './HigherTimeframeBars.js';
import type { EmitSignal } from './Signal.js';

/** What the vectorized form of a strategy reads: the whole series and its indicator columns. */
export interface StrategyInput {
  symbol: string;
  bars: Bars;
  /** The outputs of `strategy.indicators(parameters)` over `bars`, by column name. */
  indicators: ColumnSet;
  /** Present when the strategy declares a higher timeframe. */
  higher?: HigherTimeframeInput;
  /**
   * Work shared by everything that runs over this series: the first call with a key computes,
   * later ones (other strategies, the universe scan) reuse it. Keys name the computation and
   * every option that changes it (see `sharedStructure`).
   */
  memo<T>(key: string, compute: () => T): T;
}

export interface HigherTimeframeInput {
  /** The closed higher-timeframe bars. */
  bars: Bars;
  /** The outputs of `strategy.higherIndicators(parameters)` over `bars`. */
  indicators: ColumnSet;
  /** For each base bar i, the index in `bars` of the latest higher bar closed by bar i's close; -1 before the first. Read nothing beyond it. */
  visible: Int32Array;
}

/** What the incremental form of a strategy reads at each closed bar. */
export interface StrategyBar {
  /** Bars fed so far minus one: the same index the vectorized form uses. */
  index: number;
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  /** The plan's latest outputs (`indicators.get('fast')`, or `values[columnIndex(...)]`). */
  indicators: PlanStream;
  higher?: HigherTimeframeState;
}

export interface HigherTimeframeState {
  /** Closed higher bars so far; the latest is `bar` (index `closedCount - 1`). */
  closedCount: number;
  bar: HigherBar;
  /**
   * The higher bars that closed at this base bar, oldest first: usually none or one, two when
   * the bar starts a new bucket after an unfinished one and also completes its own (intraday
   * sessions with gaps). Reused between bars: read it during `update`, do not keep it.
   */
  closed: readonly HigherBar[];
  indicators: PlanStream;
  /** True when a higher bar closed at this base bar. */
  changed: boolean;
}

/** What the incremental form is told about the series it will see. */
export interface StrategyContext {
  symbol: string;
  timeframe: Timeframe;
  /** The higher timeframe the runner aggregates, when the strategy declares one. */
  higherTimeframe?: Timeframe;
}

/** The state of one strategy on one symbol in incremental (live) mode. */
export interface StrategyState {
  /** Called once per closed bar, in order; emits that bar's signals. */
  update(bar: StrategyBar, emit: EmitSignal): void;
}

/**
 * A trading strategy. The same object runs two ways:
 * - vectorized: `run` over whole arrays (backtests, sweeps), after the engine computed the
 *   declared indicators once with `computeAll`;
 * - incremental: `createState(...).update` bar by bar (the live trader), after the engine
 *   updated the same indicators as streams (`PlanStream`).
 * Both must emit identical signals for identical bars; every built-in strategy is tested for
 * it on real data. Either way a signal at bar i may use bars 0..i only, and higher-timeframe
 * bars only once closed (`visible`).
 */
export interface Strategy {
  /** The code users type (`sma-cross`), lower case. */
  name: string;
  title: string;
  description: string;
  /** Declared parameters with defaults and ranges: validated before a run, enumerated by sweeps. */
  parameters: readonly ParameterDefinition[];
  /** The indicators the strategy reads on its own bars, with fixed `as` column names. */
  indicators(parameters: ParameterValues): PlanEntry[];
  /** A coarser timeframe the strategy also reads, if any. */
  higherTimeframe?(parameters: ParameterValues, base: Timeframe): Timeframe | undefined;
  /** The indicators the strategy reads on the higher timeframe. */
  higherIndicators?(parameters: ParameterValues): PlanEntry[];
  run(input: StrategyInput, parameters: ParameterValues, emit: EmitSignal): void;
  createState(parameters: ParameterValues, context: StrategyContext): StrategyState;
}
