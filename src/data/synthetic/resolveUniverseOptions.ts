import { TickforgeError } from '../../core/errors.js';
import { Timeframe } from '../../core/Timeframe.js';
import { DAY_MILLISECONDS } from './buildMarketSchedule.js';

export type SyntheticMarket = 'equity' | 'crypto';
export type Range = readonly [min: number, max: number];

/** Options of `generateUniverse`. Every knob after `market` has a per-market default (see `universeDefaults`). */
export interface UniverseOptions {
  /** A count (names SYN001, SYN002, ...) or explicit names. */
  symbols: number | readonly string[];
  /** Any supported timeframe, 1m..1w. */
  timeframe: Timeframe | string;
  /** Bar opens lie in [start, end), ms UTC. */
  start: number;
  end: number;
  seed: number;
  /** 'equity' (default): Monday-Friday, one session a day, overnight gaps. 'crypto': 24/7. */
  market?: SyntheticMarket;
  /** Per-symbol expected annual return, drawn uniformly from the range. */
  annualDrift?: Range;
  /** Per-symbol annualised volatility (diffusion and jumps together), drawn uniformly. */
  annualVolatility?: Range;
  /** Per-symbol first price, drawn log-uniformly. */
  startPrice?: Range;
  /** Per-symbol average traded value per day (price x volume), drawn log-uniformly. */
  dailyNotional?: Range;
  /** Correlation of any two symbols' (diffusion) returns, carried by one market factor, in [0, 1). */
  correlation?: number;
  /** Daily GARCH(1,1) weights of the factor and of each idiosyncratic part; omega = 1 - alpha - beta (unit long-run variance). */
  garch?: { alpha: number; beta: number };
  /** Expected idiosyncratic jumps per symbol per year (Poisson); 0 disables them. */
  jumpsPerYear?: number;
  /** Absolute jump size in daily standard deviations, drawn uniformly; the sign is a coin flip. */
  jumpSize?: Range;
  /** Student-t degrees of freedom (> 2) of the shocks, scaled to unit variance; Infinity = normal. */
  shockDegreesOfFreedom?: number;
  /** Equity: share of a trading day's variance in the overnight gap before the open. */
  overnightVarianceShare?: number;
  /** Standard deviation of the lognormal noise on each bar's volume. */
  volumeNoise?: number;
  /** Equity session in UTC, 'HH:MM'; open before close, within one UTC day. */
  session?: { open: string; close: string };
  /** Equity: dates ('YYYY-MM-DD' or ms UTC) with no session. */
  holidays?: ReadonlyArray<string | number>;
  /** Price tick. Equity default 0.01; crypto default: relative, 6 significant digits of the previous close. */
  tickSize?: number;
}

export interface ResolvedUniverseOptions {
  symbols: string[];
  timeframe: Timeframe;
  start: number;
  end: number;
  seed: number;
  market: SyntheticMarket;
  annualDrift: Range;
  annualVolatility: Range;
  startPrice: Range;
  dailyNotional: Range;
  correlation: number;
  garch: { alpha: number; beta: number };
  jumpsPerYear: number;
  jumpSize: Range;
  shockDegreesOfFreedom: number;
  overnightVarianceShare: number;
  volumeNoise: number;
  /** ms after 00:00 UTC. */
  sessionOpen: number;
  sessionClose: number;
  holidays: Set<number>;
  /** NaN = relative tick (crypto default). */
  tickSize: number;
  /** 252 for equities, 365 for crypto: annual figures convert to daily ones with it. */
  tradingDaysPerYear: number;
  /** Share of a symbol's variance that comes from jumps: jumpsPerYear E[k^2] / (D + jumpsPerYear E[k^2]). */
  jumpVarianceShare: number;
  /** Factor correlation of the diffusion parts, so that whole returns (jumps included) correlate with `correlation`. */
  diffusionCorrelation: number;
}

type MarketDefaults = Omit<
  ResolvedUniverseOptions,
  'symbols' | 'timeframe' | 'start' | 'end' | 'seed' | 'market' | 'holidays' | 'jumpVarianceShare' | 'diffusionCorrelation'
>;

/** The defaults per market, for documentation and for the CLI's help text. */
export const universeDefaults: Record<SyntheticMarket, MarketDefaults> = {
  equity: {
    annualDrift: [-0.05, 0.15],
    annualVolatility: [0.15, 0.45],
    startPrice: [20, 400],
    dailyNotional: [2e7, 2e9],
    correlation: 0.35,
    garch: { alpha: 0.1, beta: 0.88 },
    jumpsPerYear: 1.5,
    jumpSize: [3, 6],
    shockDegreesOfFreedom: Infinity,
    overnightVarianceShare: 0.2,
    volumeNoise: 0.4,
    sessionOpen: (14 * 60 + 30) * 60_000,
    sessionClose: 21 * 60 * 60_000,
    tickSize: 0.01,
    tradingDaysPerYear: 252,
  },
  crypto: {
    annualDrift: [-0.2, 0.4],
    annualVolatility: [0.45, 1],
    startPrice: [0.05, 50_000],
    dailyNotional: [1e6, 5e9],
    correlation: 0.55,
    garch: { alpha: 0.12, beta: 0.85 },
    jumpsPerYear: 2,
    jumpSize: [3, 6],
    shockDegreesOfFreedom: Infinity,
    overnightVarianceShare: 0,
    volumeNoise: 0.4,
    sessionOpen: 0,
    sessionClose: DAY_MILLISECONDS,
    tickSize: NaN,
    tradingDaysPerYear: 365,
  },
};

/** Names for a symbol count: SYN001, SYN002, ... (wider when the count needs it). */
export function syntheticSymbolNames(count: number): string[] {
  const width = Math.max(3, String(count).length);
  return Array.from({ length: count }, (_, i) => `SYN${String(i + 1).padStart(width, '0')}`);
}

/** Fills defaults and checks every option. @throws TF_ERR_CORE_ARGUMENT_INVALID naming the option. */
export function resolveUniverseOptions(options: UniverseOptions): ResolvedUniverseOptions {
  const market = options.market ?? 'equity';
  if (market !== 'equity' && market !== 'crypto') fail('market', market, "use 'equity' or 'crypto'");
  const defaults = universeDefaults[market];
  const timeframe = Timeframe.parse(options.timeframe);

  let symbols: string[];
  if (typeof options.symbols === 'number') {
    if (!Number.isInteger(options.symbols) || options.symbols < 1) fail('symbols', options.symbols, 'pass a whole number of symbols, 1 or more');
    symbols = syntheticSymbolNames(options.symbols);
  } else {
    symbols = [...options.symbols];
    if (symbols.length === 0) fail('symbols', '[]', 'pass at least one name or a count');
    const seen = new Set<string>();
    for (const name of symbols) {
      if (typeof name !== 'string' || name.trim() === '') fail('symbols', name, 'every name must be a non-empty string');
      if (seen.has(name)) fail('symbols', name, 'names must be unique; remove the duplicate');
      seen.add(name);
    }
  }

  for (const key of ['start', 'end', 'seed'] as const) {
    if (!Number.isFinite(options[key])) fail(key, options[key], 'pass a finite number (start and end in ms UTC)');
  }
  if (options.end <= options.start) fail('end', options.end, `end must be after start (${options.start}); bar opens lie in [start, end)`);

  const annualDrift = range('annualDrift', options.annualDrift ?? defaults.annualDrift, -Infinity);
  const annualVolatility = range('annualVolatility', options.annualVolatility ?? defaults.annualVolatility, 0);
  if (annualVolatility[0] <= 0) fail('annualVolatility', annualVolatility[0], 'volatility must be above 0, e.g. [0.15, 0.45]');
  const startPrice = range('startPrice', options.startPrice ?? defaults.startPrice, 0);
  if (startPrice[0] <= 0) fail('startPrice', startPrice[0], 'prices must be above 0');
  const dailyNotional = range('dailyNotional', options.dailyNotional ?? defaults.dailyNotional, 0);
  if (dailyNotional[0] <= 0) fail('dailyNotional', dailyNotional[0], 'the traded value must be above 0');
  const jumpSize = range('jumpSize', options.jumpSize ?? defaults.jumpSize, 0);

  const correlation = options.correlation ?? defaults.correlation;
  if (!(correlation >= 0 && correlation < 1)) fail('correlation', correlation, 'use a value in [0, 1)');
  const garch = options.garch ?? defaults.garch;
  if (!(garch.alpha >= 0 && garch.beta >= 0 && garch.alpha + garch.beta < 1)) {
    fail('garch', `alpha ${garch.alpha}, beta ${garch.beta}`, 'alpha and beta must be >= 0 with alpha + beta < 1 (e.g. 0.08 and 0.9)');
  }
  const jumpsPerYear = options.jumpsPerYear ?? defaults.jumpsPerYear;
  if (!(jumpsPerYear >= 0 && Number.isFinite(jumpsPerYear))) fail('jumpsPerYear', jumpsPerYear, 'use 0 (no jumps) or a positive rate such as 1.5');
  const shockDegreesOfFreedom = options.shockDegreesOfFreedom ?? defaults.shockDegreesOfFreedom;
  if (!(shockDegreesOfFreedom > 2)) fail('shockDegreesOfFreedom', shockDegreesOfFreedom, 'use a value above 2 (finite variance) or Infinity for normal shocks');
  const overnightVarianceShare = market === 'crypto' ? 0 : (options.overnightVarianceShare ?? defaults.overnightVarianceShare);
  if (!(overnightVarianceShare >= 0 && overnightVarianceShare < 1)) fail('overnightVarianceShare', overnightVarianceShare, 'use a share in [0, 1)');
  const volumeNoise = options.volumeNoise ?? defaults.volumeNoise;
  if (!(volumeNoise >= 0 && Number.isFinite(volumeNoise))) fail('volumeNoise', volumeNoise, 'use a standard deviation >= 0, e.g. 0.4');
  const tickSize = options.tickSize ?? defaults.tickSize;
  if (!Number.isNaN(tickSize) && !(tickSize > 0 && Number.isFinite(tickSize))) fail('tickSize', tickSize, 'use a positive tick such as 0.01');

  let sessionOpen = defaults.sessionOpen;
  let sessionClose = defaults.sessionClose;
  if (market === 'equity' && options.session !== undefined) {
    sessionOpen = clockTime('session.open', options.session.open);
    sessionClose = clockTime('session.close', options.session.close);
    if (sessionClose <= sessionOpen) {
      fail('session', `${options.session.open}-${options.session.close}`, 'the open must come before the close within one UTC day');
    }
  }
  const days = defaults.tradingDaysPerYear;
  const jumpSquareMean = (jumpSize[0] ** 2 + jumpSize[0] * jumpSize[1] + jumpSize[1] ** 2) / 3;
  const jumpVarianceShare = (jumpsPerYear * jumpSquareMean) / (days + jumpsPerYear * jumpSquareMean);
  const diffusionCorrelation = correlation / (1 - jumpVarianceShare);
  if (diffusionCorrelation >= 0.999) {
    fail('correlation', correlation, `jumps (idiosyncratic) carry ${(jumpVarianceShare * 100).toFixed(0)}% of the variance, so at most ${(0.999 * (1 - jumpVarianceShare)).toFixed(2)} is reachable; lower correlation, jumpsPerYear or jumpSize`);
  }
  const holidays = new Set<number>();
  for (const holiday of options.holidays ?? []) holidays.add(holidayDay(holiday));

  return {
    symbols, timeframe, start: options.start, end: options.end, seed: options.seed, market,
    annualDrift, annualVolatility, startPrice, dailyNotional, correlation, garch: { alpha: garch.alpha, beta: garch.beta },
    jumpsPerYear, jumpSize, shockDegreesOfFreedom, overnightVarianceShare, volumeNoise,
    sessionOpen, sessionClose, holidays, tickSize, tradingDaysPerYear: days, jumpVarianceShare, diffusionCorrelation,
  };
}

function fail(option: string, value: unknown, advice: string): never {
  throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `Synthetic universe option "${option}" has value ${String(value)}: ${advice}.`, {
    details: { option, value },
  });
}

function range(option: string, value: Range, lowest: number): Range {
  const [min, max] = value;
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max || min < lowest) {
    fail(option, `[${min}, ${max}]`, `pass [min, max] with finite min <= max${lowest > -Infinity ? ` and min >= ${lowest}` : ''}`);
  }
  return [min, max];
}

function clockTime(option: string, text: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(String(text).trim());
  const hours = match === null ? NaN : Number(match[1]);
  const minutes = match === null ? NaN : Number(match[2]);
  if (!(hours >= 0 && minutes >= 0 && minutes < 60 && hours * 60 + minutes <= 24 * 60)) fail(option, text, "use 'HH:MM' in UTC, e.g. '14:30'");
  return (hours * 60 + minutes) * 60_000;
}

function holidayDay(holiday: string | number): number {
  const time = typeof holiday === 'number' ? holiday : /^\d{4}-\d{2}-\d{2}$/.test(holiday) ? Date.parse(`${holiday}T00:00:00Z`) : NaN;
  if (!Number.isFinite(time)) fail('holidays', holiday, "use 'YYYY-MM-DD' dates or ms UTC");
  return Math.floor(time / DAY_MILLISECONDS);
}
