import type { LiquidityPool } from '../../analysis/smc/equalLevels.js';

/** A price where resting orders are expected, and what it is. */
export interface LiquidityTarget {
  price: number;
  label: string;
}

/** The liquidity known at one bar; NaN for a level that does not exist yet. */
export interface LiquidityLevels {
  /** Pools of equal highs and lows not yet swept or broken at this bar (their `outcome` may tell a later bar's story in a batch analysis: not read). */
  pools: readonly LiquidityPool[];
  previousDayHigh: number;
  previousDayLow: number;
  previousWeekHigh: number;
  previousWeekLow: number;
  rangeHigh: number;
  rangeLow: number;
}

/**
 * The nearest liquidity beyond `entry` (the take-profit `liquidityTargets` would pick), NaN
 * when there is none: a scan without allocation, so that the risk-reward filter can reject most
 * setups before their target list is built.
 */
export function nearestLiquidity(direction: 1 | -1, entry: number, levels: LiquidityLevels): number {
  const side = direction === 1 ? 'high' : 'low';
  const pools = levels.pools;
  let nearest = NaN;
  for (let k = 0; k < pools.length; k++) if (pools[k].side === side) nearest = nearer(direction, entry, pools[k].level, nearest);
  if (direction === 1) {
    nearest = nearer(1, entry, levels.previousWeekHigh, nearest);
    nearest = nearer(1, entry, levels.previousDayHigh, nearest);
    return nearer(1, entry, levels.rangeHigh, nearest);
  }
  nearest = nearer(-1, entry, levels.previousWeekLow, nearest);
  nearest = nearer(-1, entry, levels.previousDayLow, nearest);
  return nearer(-1, entry, levels.rangeLow, nearest);
}

/** `price` when it lies beyond `entry` and before `nearest` (or `nearest` is NaN), else `nearest`; a NaN price never wins. */
function nearer(direction: 1 | -1, entry: number, price: number, nearest: number): number {
  if (direction === 1) return price > entry && !(price >= nearest) ? price : nearest;
  return price < entry && !(price <= nearest) ? price : nearest;
}

/**
 * Step 6, the take-profit levels: the liquidity a trade in `direction` runs towards, beyond
 * `entry`, nearest first, at most `maxTargets`. For a long: equal highs not yet swept, the
 * previous week's and day's highs, the dealing range's high; for a short the matching lows.
 * A level equal to an earlier one is listed once, under the first name in that order. The
 * first is the trade's take-profit, the rest its further targets.
 */
export function liquidityTargets(direction: 1 | -1, entry: number, levels: LiquidityLevels, maxTargets: number): LiquidityTarget[] {
  const found: LiquidityTarget[] = [];
  const add = (price: number, label: string) => {
    if (direction === 1 ? price > entry : price < entry) found.push({ price, label });
  };
  const side = direction === 1 ? 'high' : 'low';
  for (const pool of levels.pools) if (pool.side === side) add(pool.level, direction === 1 ? 'equal highs' : 'equal lows');
  if (direction === 1) {
    add(levels.previousWeekHigh, 'previous week high');
    add(levels.previousDayHigh, 'previous day high');
    add(levels.rangeHigh, 'dealing range high');
  } else {
    add(levels.previousWeekLow, 'previous week low');
    add(levels.previousDayLow, 'previous day low');
    add(levels.rangeLow, 'dealing range low');
  }
  // Array.prototype.sort is stable: among equal prices the first name added stays first.
  found.sort((a, b) => (direction === 1 ? a.price - b.price : b.price - a.price));
  const targets: LiquidityTarget[] = [];
  for (const target of found) {
    if (targets.length === maxTargets) break;
    if (targets.length > 0 && targets[targets.length - 1].price === target.price) continue;
    targets.push(target);
  }
  return targets;
}
