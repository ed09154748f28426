import type { Bars } from '../../core/Bars.js';
import { BarWindow, hasMissingBar, streamedAtr } from '../smc/BarWindow.js';
import type { AtrOptions, SwingOptions } from '../smc/structureOptions.js';
import { createSwingColumns, SwingDetector, swingHistory, swingKernel, type SwingPoint } from '../smc/swings.js';
import type { ToleranceUnit } from './chartPatternOptions.js';
import { OptionChecks } from './optionChecks.js';

export interface SupportResistanceOptions extends SwingOptions, AtrOptions {
  /** Unit of `levelTolerance`: a fraction of the level's price ('relative', default) or ATRs at the `asOf` bar ('atr'). */
  toleranceUnit?: ToleranceUnit;
  /** How far a swing may lie from a level's running mean and still touch it. Default 0.01 (relative) / 0.5 (ATR). */
  levelTolerance?: number;
  /** Fewest touching swings that make a level. Default 2. */
  minimumTouches?: number;
  /** Only swings whose pivot is at most this many bars before `asOf` count; 0 (default): all. */
  lookback?: number;
  /** Bars over which a touch's weight in `strength` halves; 0: every touch weighs 1. Default 100. */
  strengthHalfLife?: number;
  /** Batch only: the bar at whose close the levels are wanted. Default: the last bar. */
  asOf?: number;
}

export type ResolvedSupportResistanceOptions = Required<Omit<SupportResistanceOptions, 'asOf'>>;

/** A price level where swing highs and lows cluster. */
export interface SupportResistanceLevel {
  /** The mean price of its swings. */
  readonly price: number;
  readonly lowest: number;
  readonly highest: number;
  /** Swings (highs and lows alike) in the cluster. */
  readonly touches: number;
  /** Pivot bars of the earliest and latest touching swing. */
  readonly firstTouchIndex: number;
  readonly lastTouchIndex: number;
  /** 'resistance' above the close at `asOf`, 'support' at or below it. */
  readonly kind: 'support' | 'resistance';
  /** Sum over touches of 0.5^(age / strengthHalfLife), age in bars from the pivot to `asOf`. */
  readonly strength: number;
}

export interface SupportResistanceResult {
  /** The bar the levels are known at (-1 for no bars). */
  readonly asOf: number;
  readonly close: number;
  /** Every level, by price ascending. */
  readonly levels: SupportResistanceLevel[];
  /** The highest support and the lowest resistance, if any. */
  readonly support: SupportResistanceLevel | undefined;
  readonly resistance: SupportResistanceLevel | undefined;
}

const checks = new OptionChecks('Support/resistance');

/** Fills defaults and checks every value. @throws TF_ERR_CORE_ARGUMENT_INVALID naming the option, the value and what is allowed. */
export function resolveSupportResistanceOptions(options: SupportResistanceOptions = {}): ResolvedSupportResistanceOptions {
  const unit = options.toleranceUnit ?? 'relative';
  checks.choice('toleranceUnit', unit, ['relative', 'atr']);
  const resolved: ResolvedSupportResistanceOptions = {
    swingLeft: options.swingLeft ?? 5,
    swingRight: options.swingRight ?? 5,
    atrPeriod: options.atrPeriod ?? 14,
    toleranceUnit: unit,
    levelTolerance: options.levelTolerance ?? (unit === 'relative' ? 0.01 : 0.5),
    minimumTouches: options.minimumTouches ?? 2,
    lookback: options.lookback ?? 0,
    strengthHalfLife: options.strengthHalfLife ?? 100,
  };
  checks.integer('swingLeft', resolved.swingLeft, 1, 1_000);
  checks.integer('swingRight', resolved.swingRight, 1, 1_000);
  checks.integer('atrPeriod', resolved.atrPeriod, 1, 100_000);
  checks.number('levelTolerance', resolved.levelTolerance, 0);
  checks.integer('minimumTouches', resolved.minimumTouches, 1, 1_000);
  checks.integer('lookback', resolved.lookback, 0, 100_000_000);
  checks.number('strengthHalfLife', resolved.strengthHalfLife, 0);
  return resolved;
}

/**
 * Support and resistance levels at bar `asOf` (default the last), from the swings confirmed by
 * then: no bar after `asOf` is read.
 *
 * Definitions:
 * - The swings taken are every swing high and low (see `swings`) confirmed at or before `asOf`,
 *   and, with a `lookback`, whose pivot is at most `lookback` bars before `asOf`.
 * - Their prices, sorted ascending, are clustered in one pass: a price joins the current cluster
 *   when it is within the tolerance of the cluster's running mean (`levelTolerance` times that
 *   mean, or times the ATR at `asOf`) and within twice the tolerance of the cluster's lowest
 *   price (without that, a dense run of prices would let a level creep upwards without end);
 *   else it starts a new cluster. Clusters of at least `minimumTouches` swings are the levels;
 *   a level's price is its mean.
 * - A level above the close at `asOf` is resistance, one at or below it support.
 * With the 'atr' unit there are no levels while the ATR warms up.
 */
export function supportResistanceLevels(bars: Bars, options: SupportResistanceOptions = {}): SupportResistanceResult {
  const resolved = resolveSupportResistanceOptions(options);
  const asOf = options.asOf ?? bars.length - 1;
  if (bars.length > 0) checks.integer('asOf', asOf, 0, bars.length - 1);
  else if (options.asOf !== undefined) checks.fail('asOf', asOf, 'a bar index, and there are no bars');
  const known = bars.slice(0, asOf + 1);
  if (hasMissingBar(known)) {
    const tracker = new SupportResistanceTracker(resolved);
    const { open, high, low, close, volume, time } = known;
    for (let i = 0; i < known.length; i++) tracker.update(open[i], high[i], low[i], close[i], volume[i], time[i]);
    return tracker.levels();
  }
  if (known.length === 0) return levelsAt([], resolved, -1, NaN, NaN);
  const points = swingKernel(known, resolved.swingLeft, resolved.swingRight, createSwingColumns(known.length));
  const atr = resolved.toleranceUnit === 'atr' ? streamedAtr(known.high, known.low, known.close, resolved.atrPeriod)[asOf] : NaN;
  return levelsAt(points, resolved, asOf, known.close[asOf], atr);
}

/**
 * Support and resistance kept up to date bar by bar: `levels()` after feeding bars 0..t equals
 * `supportResistanceLevels(bars, { asOf: t })`. A bar with a non-finite field is skipped.
 */
export class SupportResistanceTracker {
  readonly options: ResolvedSupportResistanceOptions;
  readonly swings: SwingDetector;
  readonly window: BarWindow;
  private lastIndex = -1;
  private lastClose = NaN;
  private lastAtr = NaN;
  private cached: SupportResistanceResult | undefined = undefined;

  constructor(options: Omit<SupportResistanceOptions, 'asOf'> = {}) {
    this.options = resolveSupportResistanceOptions(options);
    const resolved = this.options;
    this.window = new BarWindow(swingHistory(resolved.swingLeft, resolved.swingRight), resolved.toleranceUnit === 'atr' ? resolved.atrPeriod : 0);
    this.swings = new SwingDetector(resolved, this.window);
  }

  /** Feeds one closed bar; false when a field was non-finite and the bar was skipped. */
  update(open: number, high: number, low: number, close: number, _volume: number, time: number): boolean {
    this.cached = undefined;
    if (!this.window.push(open, high, low, close, time)) {
      this.swings.clearBar();
      return false;
    }
    this.swings.step();
    this.lastIndex = this.window.index;
    this.lastClose = close;
    this.lastAtr = this.window.atr;
    return true;
  }

  /** The levels at the latest valid bar (computed once per bar, on demand). */
  levels(): SupportResistanceResult {
    this.cached ??= levelsAt(this.swings.points, this.options, this.lastIndex, this.lastClose, this.lastAtr);
    return this.cached;
  }

  reset(): void {
    this.swings.reset();
    this.window.reset();
    this.lastIndex = -1;
    this.lastClose = this.lastAtr = NaN;
    this.cached = undefined;
  }
}

/** The clustering of `points` (all confirmed by `asOf`) at bar `asOf`. */
function levelsAt(points: readonly SwingPoint[], options: ResolvedSupportResistanceOptions, asOf: number, close: number, atr: number): SupportResistanceResult {
  const relative = options.toleranceUnit === 'relative';
  const levels: SupportResistanceLevel[] = [];
  if (relative || atr >= 0) {
    const oldest = options.lookback > 0 ? asOf - options.lookback : -Infinity;
    let count = 0;
    for (const point of points) if (point.index >= oldest) count++;
    // Clustering reads the prices in order only (equal prices are interchangeable), so a native numeric sort will do.
    const prices = new Float64Array(count);
    count = 0;
    for (const point of points) if (point.index >= oldest) prices[count++] = point.price;
    prices.sort();
    const clusters = clusterPrices(prices, options.levelTolerance, relative ? NaN : atr);
    // Each swing to its cluster (clusters are disjoint price ranges in order), for first/last touch and strength.
    const first = new Float64Array(clusters.length).fill(Infinity);
    const last = new Float64Array(clusters.length).fill(-Infinity);
    const strength = new Float64Array(clusters.length);
    const halfLife = options.strengthHalfLife;
    for (const point of points) {
      if (point.index < oldest) continue;
      let lowerBound = 0;
      let upperBound = clusters.length - 1;
      while (lowerBound < upperBound) {
        const middle = (lowerBound + upperBound + 1) >> 1;
        if (clusters[middle].lowest <= point.price) lowerBound = middle;
        else upperBound = middle - 1;
      }
      if (point.index < first[lowerBound]) first[lowerBound] = point.index;
      if (point.index > last[lowerBound]) last[lowerBound] = point.index;
      strength[lowerBound] += halfLife > 0 ? 0.5 ** ((asOf - point.index) / halfLife) : 1;
    }
    clusters.forEach((cluster, k) => {
      if (cluster.touches < options.minimumTouches) return;
      const price = cluster.sum / cluster.touches;
      levels.push({
        price, lowest: cluster.lowest, highest: cluster.highest, touches: cluster.touches, firstTouchIndex: first[k], lastTouchIndex: last[k],
        kind: price > close ? 'resistance' : 'support', strength: strength[k],
      });
    });
  }
  let support: SupportResistanceLevel | undefined;
  let resistance: SupportResistanceLevel | undefined;
  for (const each of levels) {
    if (each.kind === 'support') support = each;
    else resistance ??= each;
  }
  return { asOf, close, levels, support, resistance };
}

interface Cluster {
  lowest: number;
  highest: number;
  sum: number;
  touches: number;
}

/**
 * One pass over sorted prices: a price joins the current cluster when within the tolerance of its
 * running mean and within twice the tolerance of its lowest price (`atr` NaN: tolerances
 * relative to those prices).
 */
function clusterPrices(prices: Float64Array, tolerance: number, atr: number): Cluster[] {
  const clusters: Cluster[] = [];
  let current: Cluster | undefined;
  for (const price of prices) {
    if (current !== undefined) {
      const mean = current.sum / current.touches;
      const relative = atr !== atr;
      if (price - mean <= tolerance * (relative ? mean : atr) && price - current.lowest <= 2 * tolerance * (relative ? current.lowest : atr)) {
        current.highest = price;
        current.sum += price;
        current.touches++;
        continue;
      }
    }
    current = { lowest: price, highest: price, sum: price, touches: 1 };
    clusters.push(current);
  }
  return clusters;
}
