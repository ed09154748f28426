import type { EmitSignal } from '../Signal.js';
import { RetestTrigger, type RetestedZone } from './entryTrigger.js';
import type { MarketBias } from './marketBias.js';
import { liesInDiscountOrPremium, zoneLimitPrice } from './pointsOfInterest.js';
import { passesRiskReward, riskReward } from './riskRewardFilter.js';
import type { SmcMarket } from './smcMarket.js';
import { describeBias, describeBreak, formatBarTime, formatPrice } from './smcReason.js';
import type { SmcSettings } from './smcSettings.js';
import { placeStop, type StopPlacement } from './stopPlacement.js';
import { liquidityTargets, nearestLiquidity, type LiquidityLevels, type LiquidityTarget } from './takeProfitTargets.js';

/** Everything one entry was decided from: the structure and levels its reason names. */
export interface SmcSetup {
  /** The trigger bar. */
  index: number;
  entry: number;
  retest: RetestedZone;
  /** The dealing range at the trigger bar, and the price the zone had to stay beyond (discount or premium limit). */
  rangeHigh: number;
  rangeLow: number;
  limitPrice: number;
  stop: StopPlacement;
  /** The take-profit first, then the further targets. */
  targets: LiquidityTarget[];
  riskReward: number;
}

/** The trade the strategy believes open: entered at `entryIndex`, over at its stop or first target. */
interface OpenTrade {
  direction: 1 | -1;
  entryIndex: number;
  stop: number;
  takeProfit: number;
  tag: string;
}

/**
 * The SMC signal engine, one closed bar at a time, shared by both forms of the strategy:
 * validate the bar -> market bias (higher timeframe) -> points of interest in discount or
 * premium -> entry trigger -> stop -> take-profit targets -> risk-reward filter. Each step is
 * its own function (see the files beside this one); this class only runs them in order and
 * keeps the open trade.
 *
 * Exits: the signal carries its stop and targets, and closing there is the simulator's job.
 * The pipeline follows them only to know when it is flat again (a later bar whose low reaches
 * the stop or whose high reaches the take-profit, for a long), and emits an exit itself when
 * the higher-timeframe bias turns against the trade (an opposite CHoCH), unless
 * `exitOnBiasFlip` is off. One trade at a time, no pyramiding.
 */
export class SmcPipeline {
  /** The latest entry's setup (set before its signal is emitted). */
  lastSetup: SmcSetup | undefined;
  private readonly trigger: RetestTrigger;
  private trade: OpenTrade | undefined;
  private readonly levels: LiquidityLevels = { pools: [], previousDayHigh: NaN, previousDayLow: NaN, previousWeekHigh: NaN, previousWeekLow: NaN, rangeHigh: NaN, rangeLow: NaN };

  constructor(private readonly settings: SmcSettings) {
    this.trigger = new RetestTrigger(settings.retestBars);
  }

  /** True when no trade is open and no zone waits for its rejection: a bar that touches no zone then changes nothing. */
  get idle(): boolean {
    return this.trade === undefined && this.trigger.waiting === 0;
  }

  /** One bar, already validated and loaded into `market` (its levels on demand: `SmcMarket.loadLevels`), with the bias known at its close. */
  step(market: SmcMarket, bias: MarketBias, emit: EmitSignal): void {
    this.followTrade(market, bias, emit);
    const trigger = this.trigger;
    for (const zone of market.touched) trigger.arm(zone, market.index);
    if (trigger.waiting === 0) return;
    const triggered = trigger.step(market.index, market.high, market.low, market.close);
    if (this.trade !== undefined) return;
    for (const retest of triggered) if (this.tryEntry(retest, market, bias, emit)) return;
  }

  private followTrade(market: SmcMarket, bias: MarketBias, emit: EmitSignal): void {
    const trade = this.trade;
    if (trade === undefined || market.index <= trade.entryIndex) return;
    const long = trade.direction === 1;
    if (long ? market.low <= trade.stop || market.high >= trade.takeProfit : market.high >= trade.stop || market.low <= trade.takeProfit) {
      this.trade = undefined;
      return;
    }
    if (this.settings.exitOnBiasFlip && bias.direction === -trade.direction) {
      const side = long ? 'long' : 'short';
      emit(market.index, { kind: 'exit', side, tag: trade.tag, reason: `bias flipped against the ${side}: ${describeBreak(bias, this.settings.higherLabel)}` });
      this.trade = undefined;
    }
  }

  /** Steps 2, 3 and 5-7 for one triggered zone; true when it became a trade. */
  private tryEntry(retest: RetestedZone, market: SmcMarket, bias: MarketBias, emit: EmitSignal): boolean {
    const settings = this.settings;
    const zone = retest.zone;
    const direction = zone.direction;
    if (bias.direction !== direction) return false;
    market.loadLevels();
    if (!liesInDiscountOrPremium(zone, market.rangeHigh, market.rangeLow, settings.discountLimit)) return false;
    const stop = placeStop(retest, market.swingLow, market.swingHigh, market.atr, settings);
    if (stop === undefined) return false;
    const entry = market.close;
    const levels = this.levels;
    levels.pools = market.openPools();
    levels.previousDayHigh = market.previousDayHigh;
    levels.previousDayLow = market.previousDayLow;
    levels.previousWeekHigh = market.previousWeekHigh;
    levels.previousWeekLow = market.previousWeekLow;
    levels.rangeHigh = market.rangeHigh;
    levels.rangeLow = market.rangeLow;
    // The first target alone decides the filter; the named list is built for a trade only.
    const ratio = riskReward(direction, entry, stop.price, nearestLiquidity(direction, entry, levels));
    if (!passesRiskReward(ratio, settings.minRiskReward)) return false;
    const targets = liquidityTargets(direction, entry, levels, settings.maxTargets);
    const takeProfit = targets[0];

    const long = direction === 1;
    const tag = zone.kind === 'order block' ? 'ob-retest' : 'fvg-retest';
    const limit = zoneLimitPrice(direction, market.rangeHigh, market.rangeLow, settings.discountLimit);
    const zoneText = `${long ? 'bullish' : 'bearish'} ${zone.kind} ${formatPrice(zone.bottom)}-${formatPrice(zone.top)} (formed ${formatBarTime(zone.time)}) in ${long ? 'discount' : 'premium'}`
      + ` (${long ? `${formatPrice(market.rangeLow)}-${formatPrice(limit)}` : `${formatPrice(limit)}-${formatPrice(market.rangeHigh)}`} of the range ${formatPrice(market.rangeLow)}-${formatPrice(market.rangeHigh)})`
      + ` retested and closed back ${long ? 'above' : 'below'} ${formatPrice(long ? zone.top : zone.bottom)}`;
    const buffer = settings.stopBuffer === 0 ? '' : ` ${long ? '-' : '+'} ${formatPrice(settings.stopBuffer)} ATR (${formatPrice(market.atr)})`;
    const stopText = `stop ${formatPrice(stop.price)} ${long ? 'below' : 'above'} ${stop.anchorLabel} ${formatPrice(stop.anchor)}${buffer}`;
    this.lastSetup = { index: market.index, entry, retest, rangeHigh: market.rangeHigh, rangeLow: market.rangeLow, limitPrice: limit, stop, targets, riskReward: ratio };
    const targetText = `target ${takeProfit.label} ${formatPrice(takeProfit.price)} (RR ${ratio.toFixed(2)})`
      + (targets.length > 1 ? `, then ${targets.slice(1).map((target) => `${target.label} ${formatPrice(target.price)}`).join(', ')}` : '');
    emit(market.index, {
      kind: 'entry',
      side: long ? 'long' : 'short',
      stopLoss: stop.price,
      takeProfit: takeProfit.price,
      ...(targets.length > 1 ? { targets: targets.slice(1).map((target) => target.price) } : {}),
      tag,
      reason: `${describeBias(bias, settings.higherLabel)}; ${zoneText}; ${stopText}; ${targetText}`,
    });
    this.trade = { direction, entryIndex: market.index, stop: stop.price, takeProfit: takeProfit.price, tag };
    return true;
  }
}
