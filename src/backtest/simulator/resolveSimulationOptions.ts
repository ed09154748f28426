import { TickforgeError } from '../../core/errors.js';
import type { FillAt, InstrumentRules, SimulationOptions, Sizing } from './BacktestOptions.js';

export const SizingKind = { quantity: 0, cash: 1, equityFraction: 2, atr: 3, stopRisk: 4 } as const;

/** The options checked, with defaults filled and rates split into the numbers the kernel reads. */
export interface ResolvedSimulationOptions {
  initialCash: number;
  fillAt: FillAt;
  fillAtByStrategy: ReadonlyMap<string, FillAt>;
  sizingKind: number;
  /** Quantity, cash or equity fraction, by kind; the risk fraction for `atr` and `stop-risk`. */
  sizingValue: number;
  atrMultiple: number;
  atrPeriod: number;
  maxEntries: number;
  leverage: number;
  /** NaN when liquidation is off. */
  maintenanceMargin: number;
  shrinkOnMargin: boolean;
  fundingRate: number;
  borrowRate: number;
  makerRate: number;
  takerRate: number;
  fixedFee: number;
  slippageBps: number;
  slippageRange: number;
  impactCoefficient: number;
  impactExponent: number;
  /** Infinity when off. */
  maxParticipation: number;
  refuseOverflow: boolean;
  instrument: Required<InstrumentRules>;
  closeAtEnd: boolean;
  stopLossFraction: number;
  takeProfitFraction: number;
  trailingFraction: number;
  trailingDistance: number;
  strategy: string;
  rebalanceEveryBar: boolean;
}

const optionNames = [
  'initialCash', 'fillAt', 'fillAtByStrategy', 'sizing', 'maxEntries', 'leverage', 'maintenanceMargin', 'insufficientMargin', 'fundingRate', 'borrowRate',
  'fees', 'slippage', 'maxParticipation', 'participationOverflow', 'instrument', 'closeAtEnd', 'stops', 'strategy', 'rebalance',
];

function describe(value: unknown): string {
  if (typeof value === 'number' || value === undefined) return String(value);
  if (typeof value === 'function') return 'a function';
  return JSON.stringify(value) ?? String(value);
}

/** @throws TF_ERR_BACKTEST_OPTION naming the option */
export function invalidOption(option: string, problem: string, value: unknown): never {
  throw new TickforgeError('TF_ERR_BACKTEST_OPTION', `Backtest option ${option} ${problem}, got ${describe(value)}.`, { details: { option, value: describe(value) } });
}

/** A finite number in [min, max] (bounds inclusive unless `above` says the lower one is exclusive). */
export function numberOption(option: string, value: unknown, fallback: number, min: number, max = Infinity, above = false): number {
  if (value === undefined) return fallback;
  const low = above ? `above ${min}` : `at least ${min}`;
  if (typeof value !== 'number' || !Number.isFinite(value) || (above ? value <= min : value < min) || value > max) {
    invalidOption(option, `must be a finite number ${low}${max === Infinity ? '' : ` and at most ${max}`}`, value);
  }
  return value;
}

function choice<T extends string>(option: string, value: unknown, choices: readonly T[]): T {
  if (value === undefined) return choices[0];
  if (!choices.includes(value as T)) invalidOption(option, `must be one of ${choices.join(', ')}`, value);
  return value as T;
}

function objectOption(option: string, value: unknown, keys: readonly string[]): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalidOption(option, 'must be an object', value);
  for (const key of Object.keys(value)) if (!keys.includes(key)) invalidOption(`${option}.${key}`, `is unknown; the keys are ${keys.join(', ')}`, (value as Record<string, unknown>)[key]);
  return value as Record<string, unknown>;
}

/** Checks one instrument's rules; `where` names them in errors (`instrument`, `symbols[2].instrument`). */
export function resolveInstrument(where: string, value: unknown, fallback: Required<InstrumentRules>): Required<InstrumentRules> {
  const rules = objectOption(where, value, ['tickSize', 'lotSize', 'minQuantity']);
  return {
    tickSize: numberOption(`${where}.tickSize`, rules.tickSize, fallback.tickSize, 0),
    lotSize: numberOption(`${where}.lotSize`, rules.lotSize, fallback.lotSize, 0),
    minQuantity: numberOption(`${where}.minQuantity`, rules.minQuantity, fallback.minQuantity, 0),
  };
}

function resolveSizing(value: unknown): Pick<ResolvedSimulationOptions, 'sizingKind' | 'sizingValue' | 'atrMultiple' | 'atrPeriod'> {
  const result = { sizingKind: SizingKind.equityFraction as number, sizingValue: 1, atrMultiple: 1, atrPeriod: 14 };
  if (value === undefined) return result;
  const kind = (value as Sizing | null)?.kind;
  const kinds = ['quantity', 'cash', 'equity-fraction', 'atr', 'stop-risk'];
  if (typeof value !== 'object' || value === null || !kinds.includes(kind as string)) invalidOption('sizing.kind', `must be one of ${kinds.join(', ')}`, kind);
  const sizing = value as Sizing;
  switch (sizing.kind) {
    case 'quantity':
      objectOption('sizing', sizing, ['kind', 'quantity']);
      return { ...result, sizingKind: SizingKind.quantity, sizingValue: numberOption('sizing.quantity', sizing.quantity, NaN, 0, Infinity, true) };
    case 'cash':
      objectOption('sizing', sizing, ['kind', 'cash']);
      return { ...result, sizingKind: SizingKind.cash, sizingValue: numberOption('sizing.cash', sizing.cash, NaN, 0, Infinity, true) };
    case 'equity-fraction':
      objectOption('sizing', sizing, ['kind', 'fraction']);
      return { ...result, sizingKind: SizingKind.equityFraction, sizingValue: numberOption('sizing.fraction', sizing.fraction, 1, 0, Infinity, true) };
    case 'atr': {
      objectOption('sizing', sizing, ['kind', 'riskFraction', 'atrMultiple', 'period']);
      const period = numberOption('sizing.period', sizing.period, 14, 1);
      if (!Number.isInteger(period)) invalidOption('sizing.period', 'must be a whole number of bars', period);
      return {
        sizingKind: SizingKind.atr, sizingValue: numberOption('sizing.riskFraction', sizing.riskFraction, NaN, 0, Infinity, true),
        atrMultiple: numberOption('sizing.atrMultiple', sizing.atrMultiple, 1, 0, Infinity, true), atrPeriod: period,
      };
    }
    case 'stop-risk':
      objectOption('sizing', sizing, ['kind', 'riskFraction']);
      return { ...result, sizingKind: SizingKind.stopRisk, sizingValue: numberOption('sizing.riskFraction', sizing.riskFraction, NaN, 0, Infinity, true) };
  }
}

function maintenanceMarginOf(value: unknown): number {
  const margin = numberOption('maintenanceMargin', value, NaN, 0, 1);
  if (margin === 1) invalidOption('maintenanceMargin', 'must be a finite number at least 0 and below 1', value);
  return margin;
}

function required(option: string, value: number): number {
  if (Number.isNaN(value)) invalidOption(option, 'is required for this sizing kind', undefined);
  return value;
}

/** Checks every option and fills the defaults. @throws TF_ERR_BACKTEST_OPTION naming the option */
export function resolveSimulationOptions(options: SimulationOptions = {}): ResolvedSimulationOptions {
  objectOption('options', options, optionNames);
  const sizing = resolveSizing(options.sizing);
  const sizingNames = ['sizing.quantity', 'sizing.cash', 'sizing.fraction', 'sizing.riskFraction', 'sizing.riskFraction'];
  required(sizingNames[sizing.sizingKind], sizing.sizingValue);
  const fees = objectOption('fees', options.fees, ['rate', 'makerRate', 'takerRate', 'fixed']);
  const rate = numberOption('fees.rate', fees.rate, 0, -1, 1, true);
  const slippage = objectOption('slippage', options.slippage, ['bps', 'rangeFraction', 'impactCoefficient', 'impactExponent']);
  const stops = objectOption('stops', options.stops, ['stopLossFraction', 'takeProfitFraction', 'trailingFraction', 'trailingDistance']);
  const byStrategy = options.fillAtByStrategy ?? {};
  if (typeof byStrategy !== 'object' || byStrategy === null || Array.isArray(byStrategy)) invalidOption('fillAtByStrategy', 'must be an object of strategy name to fill time', byStrategy);
  const fillAtByStrategy = new Map<string, FillAt>();
  for (const [name, fillAt] of Object.entries(byStrategy)) fillAtByStrategy.set(name, choice<FillAt>(`fillAtByStrategy.${name}`, fillAt, ['next-open', 'close']));
  const maxEntries = numberOption('maxEntries', options.maxEntries, 1, 1);
  if (!Number.isInteger(maxEntries)) invalidOption('maxEntries', 'must be a whole number of entries', maxEntries);
  const closeAtEnd = options.closeAtEnd ?? true;
  if (typeof closeAtEnd !== 'boolean') invalidOption('closeAtEnd', 'must be true or false', closeAtEnd);
  if (stops.trailingFraction !== undefined && stops.trailingDistance !== undefined) invalidOption('stops.trailingDistance', 'cannot be given together with stops.trailingFraction; pick one', stops.trailingDistance);
  const strategy = options.strategy ?? 'signals';
  if (typeof strategy !== 'string' || strategy === '') invalidOption('strategy', 'must be a non-empty name', strategy);
  return {
    initialCash: numberOption('initialCash', options.initialCash, 100_000, 0, Infinity, true),
    fillAt: choice<FillAt>('fillAt', options.fillAt, ['next-open', 'close']),
    fillAtByStrategy,
    ...sizing,
    maxEntries,
    leverage: numberOption('leverage', options.leverage, 1, 0, Infinity, true),
    maintenanceMargin: maintenanceMarginOf(options.maintenanceMargin),
    shrinkOnMargin: choice('insufficientMargin', options.insufficientMargin, ['shrink', 'reject']) === 'shrink',
    fundingRate: numberOption('fundingRate', options.fundingRate, 0, -1, 1),
    borrowRate: numberOption('borrowRate', options.borrowRate, 0, 0, 1),
    makerRate: numberOption('fees.makerRate', fees.makerRate, rate, -1, 1, true),
    takerRate: numberOption('fees.takerRate', fees.takerRate, rate, -1, 1, true),
    fixedFee: numberOption('fees.fixed', fees.fixed, 0, 0),
    slippageBps: numberOption('slippage.bps', slippage.bps, 0, 0, 10_000),
    slippageRange: numberOption('slippage.rangeFraction', slippage.rangeFraction, 0, 0, 1),
    impactCoefficient: numberOption('slippage.impactCoefficient', slippage.impactCoefficient, 0, 0),
    impactExponent: numberOption('slippage.impactExponent', slippage.impactExponent, 0.5, 0, 4, true),
    maxParticipation: numberOption('maxParticipation', options.maxParticipation, Infinity, 0, 1, true),
    refuseOverflow: choice('participationOverflow', options.participationOverflow, ['partial', 'refuse']) === 'refuse',
    instrument: resolveInstrument('instrument', options.instrument, { tickSize: 0, lotSize: 0, minQuantity: 0 }),
    closeAtEnd,
    stopLossFraction: numberOption('stops.stopLossFraction', stops.stopLossFraction, NaN, 0, 1, true),
    takeProfitFraction: numberOption('stops.takeProfitFraction', stops.takeProfitFraction, NaN, 0, Infinity, true),
    trailingFraction: numberOption('stops.trailingFraction', stops.trailingFraction, NaN, 0, 1, true),
    trailingDistance: numberOption('stops.trailingDistance', stops.trailingDistance, NaN, 0, Infinity, true),
    strategy,
    rebalanceEveryBar: choice('rebalance', options.rebalance, ['on-change', 'every-bar']) === 'every-bar',
  };
}
