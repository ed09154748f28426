import { TickforgeError } from '../../core/errors.js';
import { Timeframe, type TimeframeCode } from '../../core/Timeframe.js';
import type { HigherTimeframeInput, StrategyInput } from '../Strategy.js';

/** The higher timeframe `auto` picks for each base timeframe: roughly four to sixteen base bars per higher bar. */
export const automaticHigherTimeframe: Readonly<Partial<Record<TimeframeCode, TimeframeCode>>> = Object.freeze({
  '1m': '15m', '3m': '15m', '5m': '1h', '15m': '4h', '30m': '4h', '1h': '4h', '2h': '1d', '4h': '1d', '6h': '1d', '12h': '1w', '1d': '1w',
});

/**
 * Step 1a, before any bar: the timeframe the bias is read from. `auto` maps the base timeframe
 * through `automaticHigherTimeframe`; an explicit code must be a coarser multiple of the base.
 * Weekly bars have no coarser timeframe, so the strategy does not run on them.
 * @throws TF_ERR_STRATEGY_INPUT naming the base timeframe and what to choose instead.
 */
export function biasTimeframe(choice: string, base: Timeframe): Timeframe {
  if (choice === 'auto') {
    const code = automaticHigherTimeframe[base.code];
    if (code === undefined) {
      throw new TickforgeError('TF_ERR_STRATEGY_INPUT', `smc reads its market bias from a coarser timeframe, and ${base.code} bars have none: run it on 1d bars or finer.`, {
        details: { strategy: 'smc', timeframe: base.code },
      });
    }
    return Timeframe.of(code);
  }
  const higher = Timeframe.parse(choice);
  if (higher === base || !base.divides(higher)) {
    throw new TickforgeError('TF_ERR_STRATEGY_INPUT', `smc: higherTimeframe ${higher.code} is not a coarser multiple of the ${base.code} bars; choose a longer timeframe or auto.`, {
      details: { strategy: 'smc', timeframe: base.code, higherTimeframe: higher.code },
    });
  }
  return higher;
}

/**
 * Step 1b, the vectorized form: the higher-timeframe bars the engine aligned for the strategy.
 * @throws TF_ERR_STRATEGY_INPUT when they are missing (a caller that bypassed `runStrategy`).
 */
export function requireHigherInput(input: StrategyInput): HigherTimeframeInput {
  if (input.higher === undefined) {
    throw new TickforgeError('TF_ERR_STRATEGY_INPUT', `smc on ${input.symbol} needs higher-timeframe bars; run it through runStrategy or StrategyRunner, which align them.`, {
      details: { strategy: 'smc', symbol: input.symbol },
    });
  }
  return input.higher;
}

/**
 * Step 1c, every bar: a bar with a non-finite price or time is missing. The structure skips it
 * (no event, no state change), and so does the rest of the pipeline: no signal, no stop or
 * target checked against it.
 */
export function isCompleteBar(time: number, open: number, high: number, low: number, close: number): boolean {
  // x - x is 0 for finite x and NaN otherwise, as in the structure's own test.
  return (time - time) + (open - open) + (high - high) + (low - low) + (close - close) === 0;
}
