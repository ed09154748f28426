import type { PlanEntry } from '../../indicators/computeAll.js';
import type { ParameterDefinition, ParameterValues } from '../../indicators/registry/IndicatorDefinition.js';

/** The Bollinger parameters both Bollinger strategies share. */
export const bollingerParameters: readonly ParameterDefinition[] = [
  { name: 'period', kind: 'integer', default: 20, min: 2, max: 1_000, description: 'period of the middle band (SMA) and of the standard deviation' },
  { name: 'deviations', kind: 'number', default: 2, min: 0.1, max: 10, description: 'band width in population standard deviations' },
];

/** TA-Lib BBANDS with SMA middle band and equal widths up and down, as columns `bands.upper|middle|lower`. */
export function bollingerBandsPlan(parameters: ParameterValues): PlanEntry {
  const { period, deviations } = parameters;
  return { name: 'bbands', parameters: { period, nbDevUp: deviations, nbDevDn: deviations, maType: 'sma' }, as: 'bands' };
}

export const bollingerColumns = { upper: 'bands.upper', middle: 'bands.middle', lower: 'bands.lower' } as const;

/** `BB(20, 2)`: how reasons name the bands. */
export function bollingerLabel(parameters: ParameterValues): string {
  return `BB(${parameters.period}, ${parameters.deviations})`;
}
