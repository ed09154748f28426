import type { StructureBreakOptions, StructureOptions } from '../../analysis/smc/structureOptions.js';
import type { ParameterDefinition, ParameterValues } from '../../indicators/registry/IndicatorDefinition.js';
import type { Timeframe } from '../../core/Timeframe.js';
import { biasTimeframe } from './validateInput.js';

/** Which zones may serve as points of interest. */
export type ZoneChoice = 'both' | 'order-blocks' | 'fair-value-gaps';

/** The declared parameters of the `smc` strategy: every threshold of the pipeline, with its default. */
export const smcParameters: readonly ParameterDefinition[] = [
  {
    name: 'higherTimeframe', kind: 'choice', default: 'auto', choices: ['auto', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w'],
    description: 'timeframe whose structure sets the bias; auto maps 1m->15m, 5m->1h, 15m->4h, 1h->4h, 4h->1d, 1d->1w',
  },
  { name: 'biasSwingLength', kind: 'integer', default: 3, min: 1, max: 50, description: 'swing strength (bars on each side) of the higher-timeframe structure' },
  { name: 'swingLength', kind: 'integer', default: 5, min: 1, max: 50, description: 'swing strength (bars on each side) of the base-timeframe structure' },
  { name: 'breakBy', kind: 'choice', default: 'close', choices: ['close', 'wick'], description: 'what breaks a swing level on both timeframes: a close beyond it or a wick' },
  { name: 'zones', kind: 'choice', default: 'both', choices: ['both', 'order-blocks', 'fair-value-gaps'], description: 'which zones are points of interest' },
  { name: 'gapMinimumSize', kind: 'number', default: 0, min: 0, max: 10, description: 'smallest fair value gap used, in ATRs' },
  { name: 'discountLimit', kind: 'number', default: 0.5, min: 0.05, max: 1, description: 'a long zone must lie at or below this fraction of the dealing range (0.5: equilibrium); a short zone at or above 1 minus it' },
  { name: 'retestBars', kind: 'integer', default: 3, min: 0, max: 100, description: 'bars after the first touch of a zone in which a close back out of it still triggers' },
  { name: 'stopAnchor', kind: 'choice', default: 'zone', choices: ['zone', 'swing'], description: 'stop beyond the zone and its retest, or beyond the latest swing when that is further' },
  { name: 'stopBuffer', kind: 'number', default: 0.25, min: 0, max: 10, description: 'distance of the stop beyond its anchor, in ATRs' },
  { name: 'atrPeriod', kind: 'integer', default: 14, min: 1, max: 1_000, description: 'period of the ATR used by the stop buffer, the gap size and the equal-level tolerance' },
  { name: 'equalTolerance', kind: 'number', default: 0.1, min: 0, max: 5, description: 'how close two swings must be, in ATRs, to form equal highs or lows' },
  { name: 'minRiskReward', kind: 'number', default: 2, min: 0, max: 100, description: 'smallest reward-to-risk ratio of the first target taken' },
  { name: 'maxTargets', kind: 'integer', default: 3, min: 1, max: 20, description: 'liquidity targets carried by a signal, the take-profit included' },
  { name: 'exitOnBiasFlip', kind: 'choice', default: 'yes', choices: ['yes', 'no'], description: 'exit when the higher-timeframe bias turns against the position' },
  { name: 'direction', kind: 'choice', default: 'both', choices: ['both', 'long', 'short'], description: 'which side the strategy trades' },
];

/** The parameters as the pipeline's steps read them. */
export interface SmcSettings {
  higherTimeframe: string;
  /** How reasons name the higher timeframe: its code (`1w`), or `HTF` when the base timeframe is not given (step tests). */
  higherLabel: string;
  zones: ZoneChoice;
  discountLimit: number;
  retestBars: number;
  stopAnchor: 'zone' | 'swing';
  stopBuffer: number;
  minRiskReward: number;
  maxTargets: number;
  exitOnBiasFlip: boolean;
  allowLong: boolean;
  allowShort: boolean;
  /** Options of the base-timeframe structure (the `StructureEngine` / `analyzeStructure`). */
  structure: StructureOptions;
  /** Options of the higher-timeframe breaks that set the bias. */
  biasStructure: StructureBreakOptions;
}

/** Typed settings from validated parameter values. */
export function smcSettings(parameters: ParameterValues, base?: Timeframe): SmcSettings {
  const higherTimeframe = String(parameters.higherTimeframe);
  const breakBy = String(parameters.breakBy) as 'close' | 'wick';
  const swingLength = Number(parameters.swingLength);
  const biasSwingLength = Number(parameters.biasSwingLength);
  const direction = String(parameters.direction);
  return {
    higherTimeframe,
    higherLabel: base === undefined ? (higherTimeframe === 'auto' ? 'HTF' : higherTimeframe) : biasTimeframe(higherTimeframe, base).code,
    zones: String(parameters.zones) as ZoneChoice,
    discountLimit: Number(parameters.discountLimit),
    retestBars: Number(parameters.retestBars),
    stopAnchor: String(parameters.stopAnchor) as 'zone' | 'swing',
    stopBuffer: Number(parameters.stopBuffer),
    minRiskReward: Number(parameters.minRiskReward),
    maxTargets: Number(parameters.maxTargets),
    exitOnBiasFlip: parameters.exitOnBiasFlip === 'yes',
    allowLong: direction !== 'short',
    allowShort: direction !== 'long',
    structure: {
      swingLeft: swingLength, swingRight: swingLength, breakBy, atrPeriod: Number(parameters.atrPeriod),
      gapMinimumSize: Number(parameters.gapMinimumSize), equalTolerance: Number(parameters.equalTolerance), equalToleranceUnit: 'atr',
    },
    biasStructure: { swingLeft: biasSwingLength, swingRight: biasSwingLength, breakBy },
  };
}
