import type { ParameterValues } from '../../indicators/registry/IndicatorDefinition.js';
import type { Strategy } from '../Strategy.js';
import { compareLevels } from './compareLevels.js';
import { formatPrice } from './formatPrice.js';
import { directionParameter } from './PositionTracker.js';
import { protectiveLevels } from './protectiveLevels.js';
import { requireParameterOrder } from './requireParameterOrder.js';
import { ruleForms, type FieldPositions, type RuleStep } from './ruleForms.js';
import { TradeTracker } from './TradeTracker.js';

const name = 'donchian-breakout';
const columns = { entryHigh: 'entry.upper', entryLow: 'entry.lower', exitHigh: 'exit.upper', exitLow: 'exit.lower', atr: 'atr' } as const;

/** The rule of one bar, shared by both forms (see `ruleForms`). */
function createRule(parameters: ParameterValues, at: FieldPositions<keyof typeof columns>): RuleStep {
  const { entryPeriod, exitPeriod, atrPeriod } = parameters;
  const stopAtr = parameters.stopAtr as number;
  const trailAtr = parameters.trailAtr as number;
  const tracker = new TradeTracker(parameters.direction);
  let priorEntryHigh = NaN;
  let priorEntryLow = NaN;
  let priorExitHigh = NaN;
  let priorExitLow = NaN;
  const stopSuffix = `, stop ${stopAtr} ATR(${atrPeriod})`;
  const stopText = (stopLoss: number | undefined) => (stopLoss === undefined ? '' : stopSuffix);
  const { entryHigh: entryHighAt, entryLow: entryLowAt, exitHigh: exitHighAt, exitLow: exitLowAt, atr: atrAt } = at;
  return ({ index, close, values }, emit) => {
    if (tracker.position === 1 && compareLevels(close, priorExitLow) < 0) tracker.exitLong(emit, index, `close ${formatPrice(close)} fell below the prior ${exitPeriod}-bar low ${formatPrice(priorExitLow)}`);
    if (tracker.position === -1 && compareLevels(close, priorExitHigh) > 0) tracker.exitShort(emit, index, `close ${formatPrice(close)} rose above the prior ${exitPeriod}-bar high ${formatPrice(priorExitHigh)}`);
    if (tracker.position !== 1 && tracker.allowLong && compareLevels(close, priorEntryHigh) > 0) {
      const atr = values[atrAt];
      const levels = protectiveLevels('long', close, { stopLoss: close - (stopAtr > 0 ? stopAtr * atr : NaN), trailingStop: trailAtr > 0 ? trailAtr * atr : undefined });
      tracker.bullish(emit, index, `close ${formatPrice(close)} broke above the prior ${entryPeriod}-bar high ${formatPrice(priorEntryHigh)}${stopText(levels.stopLoss)}`, { tag: 'donchian-breakout-up', ...levels });
    }
    if (tracker.position !== -1 && tracker.allowShort && compareLevels(close, priorEntryLow) < 0) {
      const atr = values[atrAt];
      const levels = protectiveLevels('short', close, { stopLoss: close + (stopAtr > 0 ? stopAtr * atr : NaN), trailingStop: trailAtr > 0 ? trailAtr * atr : undefined });
      tracker.bearish(emit, index, `close ${formatPrice(close)} broke below the prior ${entryPeriod}-bar low ${formatPrice(priorEntryLow)}${stopText(levels.stopLoss)}`, { tag: 'donchian-breakout-down', ...levels });
    }
    const entryHigh = values[entryHighAt];
    if (entryHigh === entryHigh) {
      priorEntryHigh = entryHigh;
      priorEntryLow = values[entryLowAt];
    }
    const exitHigh = values[exitHighAt];
    if (exitHigh === exitHigh) {
      priorExitHigh = exitHigh;
      priorExitLow = values[exitLowAt];
    }
  };
}

/**
 * The turtle trader's Donchian channel breakout with an ATR stop.
 *
 * The turtle breakout (system 1: 20-bar entry, 10-bar exit) on Donchian channels (TA-Lib
 * MAX(high) / MIN(low)) and TA-Lib's ATR (Wilder; the turtles' N). Long on a close strictly
 * above the highest high of the `entryPeriod` bars before this one, exit on a close strictly
 * below the lowest low of the `exitPeriod` bars before this one; shorts mirror it. The
 * channels are those of the previous bar: the channel of the current bar includes its own
 * high, which a close can never exceed. (Previous = the last bar with a channel, as the
 * indicators skip missing bars.) The entry's stop is the close minus (plus, for a short)
 * `stopAtr` ATRs, its trailing-stop distance `trailAtr` ATRs; 0 turns either off, and a stop
 * at or below zero is left out (see `protectiveLevels`). Exits are decided before entries, so
 * a close through both channels closes one side and opens the other on the same bar. The
 * channels are bar prices, so the reasons print them.
 */
export const donchianBreakout: Strategy = {
  name,
  title: 'Donchian channel breakout (turtle)',
  description: 'Long on a close above the prior N-bar high, out on a close below the prior M-bar low (M < N), with an initial stop a multiple of ATR away; shorts mirror it.',
  parameters: [
    { name: 'entryPeriod', kind: 'integer', default: 20, min: 3, max: 1_000, description: 'bars of the entry channel (turtle system 1: 20, system 2: 55)' },
    { name: 'exitPeriod', kind: 'integer', default: 10, min: 2, max: 1_000, description: 'bars of the exit channel, below entryPeriod (system 1: 10, system 2: 20)' },
    { name: 'atrPeriod', kind: 'integer', default: 20, min: 1, max: 1_000, description: "period of the ATR (the turtles' N)" },
    { name: 'stopAtr', kind: 'number', default: 2, min: 0, max: 20, description: 'initial stop distance from the entry close in ATRs; 0 for no stop' },
    { name: 'trailAtr', kind: 'number', default: 0, min: 0, max: 20, description: 'trailing-stop distance in ATRs at entry; 0 for none' },
    directionParameter,
  ],
  indicators(parameters) {
    const { entryPeriod, exitPeriod, atrPeriod } = parameters;
    requireParameterOrder(name, 'exitPeriod', exitPeriod as number, 'entryPeriod', entryPeriod as number);
    return [
      { name: 'donchian', parameters: { period: entryPeriod }, as: 'entry' },
      { name: 'donchian', parameters: { period: exitPeriod }, as: 'exit' },
      { name: 'atr', parameters: { period: atrPeriod }, as: 'atr' },
    ];
  },
  ...ruleForms(() => columns, createRule),
};
