import type { Bars } from '../../core/Bars.js';
import { TickforgeError } from '../../core/errors.js';
import { StructureBreakDetector, structureBreaks, type StructureBreak } from '../../analysis/smc/structureBreaks.js';
import type { StructureBreakOptions } from '../../analysis/smc/structureOptions.js';
import type { HigherBar } from '../HigherTimeframeBars.js';
import type { StrategyBar } from '../Strategy.js';

/**
 * Step 2: the market bias, the direction of the latest break of structure (BOS or CHoCH) on
 * the higher timeframe's closed bars: 1 bullish, -1 bearish, 0 before the first break.
 */
export interface MarketBias {
  direction: -1 | 0 | 1;
  /** The break that set the direction; undefined before the first. */
  structureBreak: StructureBreak | undefined;
  /** Open time of the base bar at whose close the higher bar carrying that break closed, when the bias became known. */
  seenTime: number;
}

function emptyBias(): MarketBias {
  return { direction: 0, structureBreak: undefined, seenTime: NaN };
}

/**
 * The vectorized form: the breaks of all higher bars at once (`structureBreaks`), read at each
 * base bar only up to the latest higher bar closed by then (`visible`). Call `at` with
 * increasing base indexes; the returned object is reused.
 */
export class VisibleBias {
  private readonly breaks: readonly StructureBreak[];
  private readonly trend: Int8Array;
  private cursor = 0;
  private latest = -1;
  private readonly bias = emptyBias();

  constructor(
    higherBars: Bars,
    private readonly visible: Int32Array,
    options: StructureBreakOptions,
  ) {
    const result = structureBreaks(higherBars, options);
    this.breaks = result.breaks;
    this.trend = result.trend;
  }

  at(index: number, time: number): MarketBias {
    const latest = this.visible[index];
    const bias = this.bias;
    // Most base bars close no higher bar: nothing new to read.
    if (latest === this.latest) return bias;
    this.latest = latest;
    const breaks = this.breaks;
    while (this.cursor < breaks.length && breaks[this.cursor].index <= latest) {
      bias.structureBreak = breaks[this.cursor++];
      bias.seenTime = time;
    }
    bias.direction = latest >= 0 ? (this.trend[latest] as -1 | 0 | 1) : 0;
    return bias;
  }
}

/**
 * The incremental form: a `StructureBreakDetector` fed with every higher bar as it closes
 * (`bar.higher.closed`: one base bar can close two, after a gap the unfinished previous one
 * and its own; the contract test on hourly bars with gaps checks that both forms agree then).
 */
export class StreamingBias {
  private readonly detector: StructureBreakDetector;
  private readonly bias = emptyBias();

  constructor(options: StructureBreakOptions) {
    this.detector = new StructureBreakDetector(options);
  }

  /** @throws TF_ERR_STRATEGY_INPUT when the bar carries no higher timeframe. */
  update(bar: StrategyBar): MarketBias {
    const higher = bar.higher;
    if (higher === undefined) {
      throw new TickforgeError('TF_ERR_STRATEGY_INPUT', 'smc needs higher-timeframe bars; run it through StrategyRunner, which aggregates them.', { details: { strategy: 'smc' } });
    }
    for (const closed of higher.closed) this.feed(closed, bar.time);
    this.bias.direction = this.detector.trend;
    return this.bias;
  }

  private feed(higherBar: HigherBar, time: number): void {
    const detector = this.detector;
    detector.update(higherBar.open, higherBar.high, higherBar.low, higherBar.close, higherBar.volume, higherBar.time);
    if (detector.newBullish !== undefined || detector.newBearish !== undefined) {
      // When one bar breaks both sides, the later break (the list's last) set the trend.
      this.bias.structureBreak = detector.breaks[detector.breaks.length - 1];
      this.bias.seenTime = time;
    }
  }
}
