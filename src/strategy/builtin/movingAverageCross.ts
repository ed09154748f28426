import type { ParameterValues } from '../../indicators/registry/IndicatorDefinition.js';
import type { Strategy } from '../Strategy.js';
import { compareLevels } from './compareLevels.js';
import { CrossDetector } from './CrossDetector.js';
import { directionParameter, PositionTracker } from './PositionTracker.js';
import { ruleForms, type FieldPositions, type RuleStep } from './ruleForms.js';

const columns = { fast: 'fast', slow: 'slow' } as const;

/**
 * The crossover rule of one bar, shared by both forms (see `ruleForms` and `CrossDetector`): a
 * cross is the fast average moving from at-or-below the slow one to strictly above it, or the
 * mirror, levels within `tieTolerance` counting as equal; a bar where either average is NaN
 * (warm-up, a missing bar) is no cross.
 */
function createRule(parameters: ParameterValues, at: FieldPositions<keyof typeof columns>): RuleStep {
  const tracker = new PositionTracker(parameters.direction);
  const cross = new CrossDetector();
  const { type, fastPeriod, slowPeriod } = parameters;
  // The reasons depend on the parameters only: made once, not at every bar (sweeps run this loop millions of times).
  const fastLabel = `${String(type).toUpperCase()}(${fastPeriod})`;
  const slowLabel = `${String(type).toUpperCase()}(${slowPeriod})`;
  const above = `${fastLabel} crossed above ${slowLabel}`;
  const below = `${fastLabel} crossed below ${slowLabel}`;
  const golden = { tag: 'golden-cross' };
  const death = { tag: 'death-cross' };
  const { fast: fastAt, slow: slowAt } = at;
  return ({ index, values }, emit) => {
    const direction = cross.update(compareLevels(values[fastAt], values[slowAt]));
    if (direction > 0) tracker.bullish(emit, index, above, golden);
    else if (direction < 0) tracker.bearish(emit, index, below, death);
  };
}

/** Fast/slow moving-average crossover (SMA or EMA, TA-Lib definitions). */
export const movingAverageCross: Strategy = {
  name: 'ma-cross',
  title: 'Moving-average crossover',
  description: 'Long when the fast average crosses above the slow one, out (or short) when it crosses below.',
  parameters: [
    { name: 'fastPeriod', kind: 'integer', default: 10, min: 2, max: 1_000, description: 'period of the fast average' },
    { name: 'slowPeriod', kind: 'integer', default: 30, min: 3, max: 5_000, description: 'period of the slow average' },
    { name: 'type', kind: 'choice', default: 'sma', choices: ['sma', 'ema'], description: 'simple or exponential averages' },
    directionParameter,
  ],
  indicators: ({ fastPeriod, slowPeriod, type }) => [
    { name: String(type), parameters: { period: fastPeriod }, as: 'fast' },
    { name: String(type), parameters: { period: slowPeriod }, as: 'slow' },
  ],
  ...ruleForms(() => columns, createRule),
};
