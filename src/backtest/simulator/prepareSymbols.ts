import { Bars } from '../../core/Bars.js';
import { TickforgeError } from '../../core/errors.js';
import { atr } from '../../indicators/volatility/atr.js';
import type { SymbolInput } from './BacktestOptions.js';
import { resolveInstrument, SizingKind, type ResolvedSimulationOptions } from './resolveSimulationOptions.js';
import type { PreparedSymbol } from './SimulationState.js';

const inputKeys = ['bars', 'fineBars', 'longEntries', 'longExits', 'shortEntries', 'shortExits', 'targetFractions', 'atr', 'fundingRate', 'borrowRate', 'instrument'];

function badInput(where: string, problem: string, details: Record<string, unknown> = {}): never {
  throw new TickforgeError('TF_ERR_BACKTEST_INPUT', `Backtest input ${where} ${problem}.`, { details: { where, ...details } });
}

function checkBarsInstance(where: string, bars: Bars): void {
  if (!(bars instanceof Bars)) badInput(where, 'must be a Bars instance');
}

/**
 * Whether `validateBars` proved the rows of `bars` fit the simulator (its rules plus positive
 * prices), so that no pass over the six columns is needed: at 1,000,000 bars that pass reads
 * 48 MB, which on this class of machine is most of a sparse-signal backtest's time.
 */
export function validatedForSimulation(bars: Bars): boolean {
  const validation = bars.validation;
  return validation !== undefined && validation.lowestLow > 0;
}

/**
 * Bars the kernel can trust: strictly increasing times, finite prices with low <= open, close <= high, volume >= 0.
 * Bars validated at ingest with positive prices pass without a second look (`validatedForSimulation`).
 */
export function checkBars(where: string, bars: Bars): void {
  checkBarsInstance(where, bars);
  if (validatedForSimulation(bars)) return;
  const { time, open, high, low, close, volume } = bars;
  let previous = -Infinity;
  for (let i = 0; i < bars.length; i++) {
    const t = time[i];
    const h = high[i];
    const l = low[i];
    const o = open[i];
    const c = close[i];
    // One branch per bar: every comparison with NaN is false, and a finite high bounds the rest.
    if (t > previous && l > 0 && l <= o && o <= h && l <= c && c <= h && h < Infinity && volume[i] >= 0) {
      previous = t;
      continue;
    }
    if (!(t > previous)) badInput(where, `of ${bars.symbol} has time ${t} at row ${i}, not after ${previous}; sort and de-duplicate the bars (validateBars) first`, { row: i });
    if (!(Number.isFinite(o) && Number.isFinite(h) && Number.isFinite(l) && Number.isFinite(c) && l > 0)) {
      badInput(where, `of ${bars.symbol} has a non-finite or non-positive price at row ${i}; drop or repair invalid rows (validateBars with onInvalid) first`, { row: i });
    }
    badInput(where, `of ${bars.symbol} breaks low <= open, close <= high or volume >= 0 at row ${i}; drop or repair invalid rows (validateBars) first`, { row: i });
  }
}

function column<T extends Uint8Array | Float64Array>(where: string, value: T | undefined, kind: 'Uint8Array' | 'Float64Array', length: number): T | undefined {
  if (value === undefined) return undefined;
  const expected = kind === 'Uint8Array' ? Uint8Array : Float64Array;
  if (!(value instanceof expected)) badInput(where, `must be a ${kind}`);
  if (value.length !== length) badInput(where, `has ${value.length} values but the bars have ${length}; pass one value per bar`);
  return value;
}

/**
 * Checks each symbol's bars and columns against each other and the options, computes the ATR
 * column when `atr` sizing needs one (the ATR kernel, Wilder's smoothing, TA-Lib seeding) and
 * resolves the instrument rules. With `deferBarsCheck` the rows of `bars` (not of `fineBars`) are
 * left to the run to check (`BarsCheck`).
 * @throws TF_ERR_BACKTEST_INPUT naming the symbol and the column, TF_ERR_BACKTEST_OPTION for instrument rules
 */
export function prepareSymbols(symbols: readonly SymbolInput[], options: ResolvedSimulationOptions, deferBarsCheck = false): PreparedSymbol[] {
  if (!Array.isArray(symbols) || symbols.length === 0) badInput('symbols', 'must be a non-empty array of symbol inputs');
  const seen = new Set<string>();
  return symbols.map((input, k) => {
    const where = `symbols[${k}]`;
    if (typeof input !== 'object' || input === null) badInput(where, 'must be an object with bars');
    for (const key of Object.keys(input)) if (!inputKeys.includes(key)) badInput(`${where}.${key}`, `is unknown; the fields are ${inputKeys.join(', ')}`);
    const bars = input.bars;
    // A deferred check is the run's own (`BarsCheck`): here only the type.
    if (deferBarsCheck) checkBarsInstance(`${where}.bars`, bars);
    else checkBars(`${where}.bars`, bars);
    if (seen.has(bars.symbol)) badInput(`${where}.bars`, `repeats symbol ${bars.symbol}; give each symbol once`);
    seen.add(bars.symbol);
    const n = bars.length;
    if (input.fineBars !== undefined) {
      checkBars(`${where}.fineBars`, input.fineBars);
      if (!(input.fineBars.timeframe.milliseconds < bars.timeframe.milliseconds)) {
        badInput(`${where}.fineBars`, `must have a finer timeframe than the bars (${input.fineBars.timeframe.code} is not finer than ${bars.timeframe.code})`);
      }
    }
    const instrument = resolveInstrument(`${where}.instrument`, input.instrument, options.instrument);
    let atrColumn = column(`${where}.atr`, input.atr, 'Float64Array', n);
    if (atrColumn === undefined && options.sizingKind === SizingKind.atr) atrColumn = atr(bars.high, bars.low, bars.close, options.atrPeriod);
    return {
      symbol: bars.symbol,
      bars,
      fineBars: input.fineBars,
      longEntries: column(`${where}.longEntries`, input.longEntries, 'Uint8Array', n),
      longExits: column(`${where}.longExits`, input.longExits, 'Uint8Array', n),
      shortEntries: column(`${where}.shortEntries`, input.shortEntries, 'Uint8Array', n),
      shortExits: column(`${where}.shortExits`, input.shortExits, 'Uint8Array', n),
      targetFractions: column(`${where}.targetFractions`, input.targetFractions, 'Float64Array', n),
      atr: atrColumn,
      fundingRate: column(`${where}.fundingRate`, input.fundingRate, 'Float64Array', n),
      borrowRate: column(`${where}.borrowRate`, input.borrowRate, 'Float64Array', n),
      tickSize: instrument.tickSize,
      lotSize: instrument.lotSize,
      minQuantity: instrument.minQuantity,
    };
  });
}
