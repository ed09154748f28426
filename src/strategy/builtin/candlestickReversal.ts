import { TickforgeError } from '../../core/errors.js';
import type { PlanEntry } from '../../indicators/computeAll.js';
import type { ParameterValues } from '../../indicators/registry/IndicatorDefinition.js';
import type { Strategy } from '../Strategy.js';
import { compareLevels } from './compareLevels.js';
import { formatPrice } from './formatPrice.js';
import { directionParameter } from './PositionTracker.js';
import { protectiveLevels } from './protectiveLevels.js';
import { ruleForms, type FieldPositions, type RuleStep } from './ruleForms.js';
import { TradeTracker } from './TradeTracker.js';

/** One TA-Lib pattern function and what its signs mean here. */
interface PatternRule {
  /** Registry name, also the column name. */
  indicator: string;
  /** Name of the pattern when the function is positive (a long), if the strategy uses that sign. */
  bullish?: string;
  /** Name when negative (a short). */
  bearish?: string;
  /** Candles the pattern spans, ending at the signal bar: the stop goes beyond their extreme. */
  candles: number;
}

const engulfing: PatternRule = { indicator: 'cdlengulfing', bullish: 'bullish engulfing', bearish: 'bearish engulfing', candles: 2 };
const hammer: PatternRule = { indicator: 'cdlhammer', bullish: 'hammer', candles: 1 };
const hangingMan: PatternRule = { indicator: 'cdlhangingman', bearish: 'hanging man', candles: 1 };
const morningStar: PatternRule = { indicator: 'cdlmorningstar', bullish: 'morning star', candles: 3 };
const eveningStar: PatternRule = { indicator: 'cdleveningstar', bearish: 'evening star', candles: 3 };
const piercing: PatternRule = { indicator: 'cdlpiercing', bullish: 'piercing line', candles: 2 };
const darkCloudCover: PatternRule = { indicator: 'cdldarkcloudcover', bearish: 'dark cloud cover', candles: 2 };

/**
 * The pattern sets users choose, each with its bullish and bearish sides: hammer pairs with
 * the hanging man (the same candle after a rise), the morning star with the evening star.
 * When two patterns of a set fire on one bar, the first listed names the signal.
 */
const patternSets: Record<string, readonly PatternRule[]> = {
  engulfing: [engulfing],
  hammer: [hammer, hangingMan],
  morningstar: [morningStar, eveningStar],
  'all-reversal': [engulfing, morningStar, eveningStar, piercing, darkCloudCover, hammer, hangingMan],
};

function patternsOf(parameters: ParameterValues): readonly PatternRule[] {
  return patternSets[String(parameters.patterns)];
}

function columnsOf(parameters: ParameterValues): Record<string, string> {
  const columns: Record<string, string> = Object.fromEntries(patternsOf(parameters).map(({ indicator }) => [indicator, indicator]));
  if ((parameters.trendPeriod as number) > 0) columns.trend = 'trend';
  return columns;
}

/**
 * The first pattern of the set that fires with the given sign (+1 bullish, -1 bearish) at this
 * bar, as its position in `patterns`; -1 when none. `at[k]` is pattern k's field in `values`.
 */
function firing(patterns: readonly PatternRule[], at: Int32Array, values: Float64Array, sign: 1 | -1): number {
  for (let k = 0; k < patterns.length; k++) {
    const value = values[at[k]];
    if (sign > 0 ? value > 0 && patterns[k].bullish !== undefined : value < 0 && patterns[k].bearish !== undefined) return k;
  }
  return -1;
}

/** `bullish engulfing (CDLENGULFING +100)`: the pattern and the TA-Lib output that flagged it. */
function patternText(pattern: PatternRule, value: number): string {
  return `${value > 0 ? pattern.bullish : pattern.bearish} (${pattern.indicator.toUpperCase()} ${value > 0 ? '+' : ''}${value})`;
}

/** The rule of one bar, shared by both forms (see `ruleForms`). */
function createRule(parameters: ParameterValues, at: FieldPositions<string>): RuleStep {
  const patterns = patternsOf(parameters);
  const patternAt = Int32Array.from(patterns, ({ indicator }) => at[indicator]);
  const trendAt = at.trend;
  const trendPeriod = parameters.trendPeriod as number;
  const holdBars = parameters.holdBars as number;
  const tracker = new TradeTracker(parameters.direction);
  // The last three candles with prices, newest first: the extremes of any pattern here.
  // Shifted by hand: a `copyWithin` call per bar cost more than the rest of the rule.
  let low0 = NaN;
  let low1 = NaN;
  let low2 = NaN;
  let high0 = NaN;
  let high1 = NaN;
  let high2 = NaN;
  // Math.min/max over the pattern's candles, NaN included, as `Math.min(...candles)` gives.
  const lowest = (candles: number) => (candles === 1 ? Math.min(low0) : candles === 2 ? Math.min(low0, low1) : Math.min(low0, low1, low2));
  const highest = (candles: number) => (candles === 1 ? Math.max(high0) : candles === 2 ? Math.max(high0, high1) : Math.max(high0, high1, high2));
  return ({ index, open, high, low, close, values }, emit) => {
    if (!Number.isFinite(open + high + low + close)) return;
    low2 = low1;
    low1 = low0;
    low0 = low;
    high2 = high1;
    high1 = high0;
    high0 = high;
    let bullishAt = firing(patterns, patternAt, values, 1);
    let bearishAt = firing(patterns, patternAt, values, -1);
    if (bullishAt >= 0 && bearishAt >= 0) bullishAt = bearishAt = -1;
    const bullish = bullishAt >= 0 ? patterns[bullishAt] : undefined;
    const bearish = bearishAt >= 0 ? patterns[bearishAt] : undefined;
    if (bearish !== undefined) tracker.exitLong(emit, index, `${patternText(bearish, values[patternAt[bearishAt]])} against the long`);
    if (bullish !== undefined) tracker.exitShort(emit, index, `${patternText(bullish, values[patternAt[bullishAt]])} against the short`);
    if (tracker.position !== 0 && index - tracker.entryIndex >= holdBars) tracker.exit(emit, index, `held ${holdBars} bars`);
    const trend = trendPeriod > 0 ? compareLevels(close, values[trendAt]) : 0;
    if (bullish !== undefined && tracker.allowLong && (trendPeriod === 0 || trend > 0)) {
      const patternLow = lowest(bullish.candles);
      const levels = protectiveLevels('long', close, { stopLoss: patternLow });
      const filter = trendPeriod > 0 ? `, close ${formatPrice(close)} above SMA(${trendPeriod})` : '';
      const stop = levels.stopLoss === undefined ? '' : `, stop at the pattern low ${formatPrice(patternLow)}`;
      tracker.bullish(emit, index, `${patternText(bullish, values[patternAt[bullishAt]])}${filter}${stop}`, { tag: bullish.indicator, ...levels });
    }
    if (bearish !== undefined && tracker.allowShort && (trendPeriod === 0 || trend < 0)) {
      const patternHigh = highest(bearish.candles);
      const levels = protectiveLevels('short', close, { stopLoss: patternHigh });
      const filter = trendPeriod > 0 ? `, close ${formatPrice(close)} below SMA(${trendPeriod})` : '';
      const stop = levels.stopLoss === undefined ? '' : `, stop at the pattern high ${formatPrice(patternHigh)}`;
      tracker.bearish(emit, index, `${patternText(bearish, values[patternAt[bearishAt]])}${filter}${stop}`, { tag: bearish.indicator, ...levels });
    }
  };
}

/**
 * Candlestick reversal patterns, filtered by the trend, held for a fixed number of bars.
 *
 * Candlestick reversals on the registry's TA-Lib-exact pattern functions (CDLENGULFING,
 * CDLHAMMER, CDLHANGINGMAN, CDLMORNINGSTAR, CDLEVENINGSTAR, CDLPIERCING, CDLDARKCLOUDCOVER
 * with TA-Lib's default candle settings and penetrations). Long on a bullish pattern (a
 * positive output: +100, or +80 for TA-Lib's partial engulfing) when the close is above the
 * SMA(`trendPeriod`) of the close, i.e. a reversal bought in the direction of the larger
 * trend (a pullback that ends); short on a bearish pattern below the SMA. `trendPeriod` 0
 * drops the filter. A position exits after `holdBars` bars or earlier on an opposite pattern
 * of the set (filter or not); an opposite pattern that passes the filter then opens the
 * reverse with `direction` both. A bar where both sides fire (a hammer that is also a hanging
 * man) is ignored. The stop is the lowest low (highest high for a short) of the pattern's
 * candles, left out when it is not beyond the close (see `protectiveLevels`). Exits come before
 * entries, so a hold ending on a bar with a fresh pattern of the same side exits and re-enters,
 * with the new pattern's stop. Patterns are exact integers and the stop a bar price, so both
 * forms decide alike; the SMA filter compares with `compareLevels`.
 */
export const candlestickReversal: Strategy = {
  name: 'candlestick',
  title: 'Candlestick reversal patterns',
  description: 'Long on a bullish TA-Lib candlestick pattern (engulfing, hammer, morning star...) above an SMA, short on a bearish one below it; out after a number of bars or on an opposite pattern, stop beyond the pattern.',
  parameters: [
    { name: 'patterns', kind: 'choice', default: 'engulfing', choices: Object.keys(patternSets), description: 'which patterns: engulfing, hammer (with hanging man), morningstar (with evening star), or all-reversal (those plus piercing line and dark cloud cover)' },
    { name: 'trendPeriod', kind: 'integer', default: 50, min: 0, max: 1_000, description: 'SMA period of the trend filter (longs above it, shorts below); 0 for no filter' },
    { name: 'holdBars', kind: 'integer', default: 10, min: 1, max: 1_000, description: 'bars a position is held at most' },
    directionParameter,
  ],
  indicators(parameters) {
    const plan: PlanEntry[] = patternsOf(parameters).map(({ indicator }) => ({ name: indicator, as: indicator }));
    const trendPeriod = parameters.trendPeriod as number;
    if (trendPeriod === 1) {
      throw new TickforgeError('TF_ERR_STRATEGY_PARAMETER', 'candlestick: trendPeriod must be 0 (no trend filter) or at least 2, got 1: an SMA(1) is the close itself.', {
        details: { owner: 'candlestick', parameter: 'trendPeriod', value: trendPeriod },
      });
    }
    if (trendPeriod > 0) plan.push({ name: 'sma', parameters: { period: trendPeriod }, as: 'trend' });
    return plan;
  },
  ...ruleForms(columnsOf, createRule),
};
