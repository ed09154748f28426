import type { AtrOptions, SwingOptions } from '../smc/structureOptions.js';
import { chartPatternKinds, type ChartPatternKind } from './chartPatternTypes.js';
import { OptionChecks } from './optionChecks.js';

/**
 * Unit of the price tolerances: 'relative', a fraction of the close at the bar where the pattern
 * is evaluated (its formation bar); 'atr', a multiple of the ATR at that bar (patterns are not
 * looked for while the ATR warms up).
 */
export type ToleranceUnit = 'relative' | 'atr';

/**
 * Every threshold of the chart-pattern scan. The price tolerances (`peakTolerance`,
 * `shoulderTolerance`, `minimumHeight`, `flatTolerance`, `lineTolerance`) are in `toleranceUnit`
 * and their defaults depend on it (see `chartPatternDefaults`); the others have one default.
 */
export interface ChartPatternOptions extends SwingOptions, AtrOptions {
  /** The kinds to look for. Default: all of `chartPatternKinds`. */
  kinds?: readonly ChartPatternKind[];
  /** Default 'relative'. */
  toleranceUnit?: ToleranceUnit;
  /** Largest difference between the two peaks of a double top (troughs of a double bottom); also how far a head must stand beyond its shoulders. Default 0.02 (relative) / 1 (ATR). */
  peakTolerance?: number;
  /** Largest difference between the two shoulders of a head and shoulders. Default 0.04 / 2. */
  shoulderTolerance?: number;
  /** Smallest pattern height: double-top depth (lower peak to trough), head above the neckline, widest width of a triangle, wedge or channel. Default 0.05 / 2.5. */
  minimumHeight?: number;
  /** A boundary line whose change over the pattern's span is at most this is flat; also how far a flag's second swing may pass its pole top. Default 0.02 / 1. */
  flatTolerance?: number;
  /** How far a close may stray beyond a boundary line between the pattern's points (and a fitted point from its line). Default 0.005 / 0.25. */
  lineTolerance?: number;
  /** Lines are parallel when the pattern's width changes by at most this fraction over its span; converging when it shrinks by more. Default 0.2. */
  parallelTolerance?: number;
  /** Swing highs and swing lows each boundary line of a triangle, wedge or channel is fitted to (least squares). Default 2. */
  boundarySwings?: number;
  /** Most bars from a pattern's first point to its last (double tops, head and shoulders, triangles, wedges, channels). Default 100. */
  maximumSpan?: number;
  /** Bars after formation a pattern waits for its breakout before it expires. Default 50. */
  expireAfter?: number;
  /** Smallest flag pole, in ATRs at the flag's formation. Default 3. */
  poleMinimum?: number;
  /** Most bars from the start of a flag pole to its top. Default 15. */
  poleMaximumBars?: number;
  /** Most bars from a flag's first swing (the pole top) to its second. Default 20. */
  flagMaximumBars?: number;
  /** Deepest pullback of a flag, as a fraction of its pole. Default 0.5. */
  flagRetracement?: number;
}

export interface ResolvedChartPatternOptions extends Required<Omit<ChartPatternOptions, 'kinds'>> {
  kinds: readonly ChartPatternKind[];
  /** `kinds` as a mask of `chartPatternBit`s. */
  kindMask: number;
}

const unitDefaults = Object.freeze({
  relative: Object.freeze({ peakTolerance: 0.02, shoulderTolerance: 0.04, minimumHeight: 0.05, flatTolerance: 0.02, lineTolerance: 0.005 }),
  atr: Object.freeze({ peakTolerance: 1, shoulderTolerance: 2, minimumHeight: 2.5, flatTolerance: 1, lineTolerance: 0.25 }),
});

/** The defaults: the unit-independent ones, and the price tolerances for each `toleranceUnit`. */
export const chartPatternDefaults = Object.freeze({
  swingLeft: 5,
  swingRight: 5,
  atrPeriod: 14,
  kinds: chartPatternKinds,
  toleranceUnit: 'relative' as ToleranceUnit,
  parallelTolerance: 0.2,
  boundarySwings: 2,
  maximumSpan: 100,
  expireAfter: 50,
  poleMinimum: 3,
  poleMaximumBars: 15,
  flagMaximumBars: 20,
  flagRetracement: 0.5,
  byUnit: unitDefaults,
});

const checks = new OptionChecks('Chart pattern');

/** Fills defaults and checks every value. @throws TF_ERR_CORE_ARGUMENT_INVALID naming the option, the value and what is allowed. */
export function resolveChartPatternOptions(options: ChartPatternOptions = {}): ResolvedChartPatternOptions {
  const unit = options.toleranceUnit ?? chartPatternDefaults.toleranceUnit;
  checks.choice('toleranceUnit', unit, ['relative', 'atr']);
  const byUnit = unitDefaults[unit];
  const defaults = chartPatternDefaults;
  // One literal in a fixed order: every resolved options object has the same shape, which the scan reads on its hot path.
  const resolved: ResolvedChartPatternOptions = {
    swingLeft: options.swingLeft ?? defaults.swingLeft,
    swingRight: options.swingRight ?? defaults.swingRight,
    atrPeriod: options.atrPeriod ?? defaults.atrPeriod,
    kinds: options.kinds ?? defaults.kinds,
    kindMask: 0,
    toleranceUnit: unit,
    peakTolerance: options.peakTolerance ?? byUnit.peakTolerance,
    shoulderTolerance: options.shoulderTolerance ?? byUnit.shoulderTolerance,
    minimumHeight: options.minimumHeight ?? byUnit.minimumHeight,
    flatTolerance: options.flatTolerance ?? byUnit.flatTolerance,
    lineTolerance: options.lineTolerance ?? byUnit.lineTolerance,
    parallelTolerance: options.parallelTolerance ?? defaults.parallelTolerance,
    boundarySwings: options.boundarySwings ?? defaults.boundarySwings,
    maximumSpan: options.maximumSpan ?? defaults.maximumSpan,
    expireAfter: options.expireAfter ?? defaults.expireAfter,
    poleMinimum: options.poleMinimum ?? defaults.poleMinimum,
    poleMaximumBars: options.poleMaximumBars ?? defaults.poleMaximumBars,
    flagMaximumBars: options.flagMaximumBars ?? defaults.flagMaximumBars,
    flagRetracement: options.flagRetracement ?? defaults.flagRetracement,
  };
  checks.integer('swingLeft', resolved.swingLeft, 1, 1_000);
  checks.integer('swingRight', resolved.swingRight, 1, 1_000);
  checks.integer('atrPeriod', resolved.atrPeriod, 1, 100_000);
  checks.number('peakTolerance', resolved.peakTolerance, 0);
  checks.number('shoulderTolerance', resolved.shoulderTolerance, 0);
  checks.number('minimumHeight', resolved.minimumHeight, 0);
  checks.number('flatTolerance', resolved.flatTolerance, 0);
  checks.number('lineTolerance', resolved.lineTolerance, 0);
  checks.number('parallelTolerance', resolved.parallelTolerance, 0, 0.95);
  checks.integer('boundarySwings', resolved.boundarySwings, 2, 10);
  checks.integer('maximumSpan', resolved.maximumSpan, 2, 10_000);
  checks.integer('expireAfter', resolved.expireAfter, 1, 100_000);
  checks.number('poleMinimum', resolved.poleMinimum, 0);
  checks.integer('poleMaximumBars', resolved.poleMaximumBars, 1, 10_000);
  checks.integer('flagMaximumBars', resolved.flagMaximumBars, 2, 10_000);
  checks.above('flagRetracement', resolved.flagRetracement, 0, 1);
  resolved.kindMask = kindMask(resolved.kinds);
  if (resolved.kinds !== defaults.kinds) resolved.kinds = Object.freeze([...resolved.kinds]);
  return resolved;
}

function kindMask(kinds: unknown): number {
  if (!Array.isArray(kinds) || kinds.length === 0) checks.fail('kinds', kinds, `a non-empty list of ${chartPatternKinds.join(', ')}`);
  let mask = 0;
  for (const kind of kinds as unknown[]) {
    const code = chartPatternKinds.indexOf(kind as ChartPatternKind);
    if (code < 0) checks.fail('kinds', kind, `one of ${chartPatternKinds.map((k) => `'${k}'`).join(', ')}`);
    mask |= 1 << code;
  }
  return mask;
}

/** Whether a kind needs the ATR whatever the unit (a flag's pole is measured in ATRs). */
export function chartPatternsNeedAtr(options: ResolvedChartPatternOptions): boolean {
  const flags = (1 << chartPatternKinds.indexOf('bull-flag')) | (1 << chartPatternKinds.indexOf('bear-flag'));
  return options.toleranceUnit === 'atr' || (options.kindMask & flags) !== 0;
}

/**
 * Bars the incremental detector keeps: back to the first point of the widest pattern (or the
 * start of a flag's pole) from the bar where its last swing is confirmed.
 */
export function chartPatternHistory(options: ResolvedChartPatternOptions): number {
  const reach = Math.max(options.maximumSpan, options.flagMaximumBars + options.poleMaximumBars);
  return Math.max(reach + options.swingRight + 2, options.swingLeft + options.swingRight + 1);
}
