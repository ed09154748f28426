import { Bars } from '../../core/Bars.js';
import { Random } from '../../core/Random.js';
import { buildMarketSchedule, type MarketSchedule } from './buildMarketSchedule.js';
import { resolveUniverseOptions, type ResolvedUniverseOptions, type UniverseOptions } from './resolveUniverseOptions.js';

export type { UniverseOptions } from './resolveUniverseOptions.js';

/**
 * A seeded synthetic market for demos and tests: no network, no clock, no `Math.random`; the
 * same options give the same bars, bit for bit.
 *
 * The model, per trading day d (a UTC day: a session for equities, 00:00-24:00 for crypto):
 *
 * - One-factor returns. Each symbol i's log return over a stretch of the day is
 *   `r = m_i s + sigma_i (sqrt(rho) F + sqrt(1 - rho) E_i) + J`, where s is the stretch's
 *   share of the day's variance, sigma_i the symbol's daily diffusion volatility, F the
 *   increment of one market factor shared by every symbol and E_i an idiosyncratic increment
 *   (in the usual notation r_i = beta_i f + e_i with beta_i = sigma_i sqrt(rho)). Two symbols'
 *   diffusion returns therefore correlate with `correlation` = rho.
 * - Volatility clustering. F and each E_i have daily variance h_d following GARCH(1,1) with
 *   unit long-run level: `h_{d+1} = (1 - alpha - beta) + alpha u_d^2 + beta h_d`, u_d the
 *   day's standardised shock (jumps excluded). Within a day the increment of a stretch is
 *   `sqrt(s h_d) z`, z normal, or Student-t scaled to unit variance (`shockDegreesOfFreedom`).
 * - Jumps. Poisson, `jumpsPerYear` per symbol, placed anywhere in the day's variance clock
 *   (so overnight gaps get their share, like earnings), of size U(jumpSize) daily diffusion
 *   standard deviations with a random sign. sigma_i is scaled down so that diffusion plus
 *   jumps give the drawn `annualVolatility`: sigma_i^2 = vol^2 / (D + jumpsPerYear E[k^2]),
 *   D = 252 (equity) or 365 (crypto) days a year. Jumps are idiosyncratic, so rho is raised
 *   to `correlation` / (1 - jump share of variance) to make whole returns correlate with
 *   `correlation` (0.35 becomes 0.39 with the equity defaults).
 * - Drift. m_i = (mu_i - vol_i^2 / 2) / D per day, so the expected price grows about mu_i a year.
 * - Calendar and intraday shape (see `buildMarketSchedule`). Equities trade Monday to Friday,
 *   14:30-21:00 UTC by default (New York hours in winter; daylight saving time is not
 *   modelled: shift `session` for a summer sample), minus optional `holidays`. The overnight
 *   gap carries `overnightVarianceShare` (default 0.2) of the day's variance: the first bar of
 *   a session opens at the previous close times exp(gap return). Within the session variance
 *   and volume follow a U shape (weights 1 + c (2x - 1)^2, c = 2 for variance, 3 for volume,
 *   so the open and close are about 3 and 4 times as busy as midday). Crypto is flat, 24/7.
 * - OHLC. Open = previous close (or the gapped price), close = open exp(r). High and low are
 *   drawn from the exact distributions of the maximum and minimum of a Brownian bridge from
 *   open to close with the stretch's variance: `max = (r + sqrt(r^2 - 2 v ln U)) / 2`, so
 *   ranges match a continuous path (about the Parkinson range). Prices are rounded to a tick
 *   (0.01 for equities; for crypto 6 significant digits of the previous close) and never
 *   below one tick; high and low are taken after rounding, so high >= max(open, close) and
 *   low <= min(open, close) hold exactly.
 * - Volume. Per symbol a level in units a day (`dailyNotional` / first price); per bar
 *   level x the bar's share of the day's volume x lognormal noise (`volumeNoise`) x
 *   (0.6 + 0.5 |bar return| / its unconditional standard deviation), so volume rises with
 *   volatility, with jumps and at the ends of the session. Whole shares for equities,
 *   4 decimals for crypto.
 *
 * Streams: the factor draws from `Random.fromSeed(seed, 'market-factor')`, each symbol's
 * parameters and path from streams keyed by its name, so a symbol's bars depend only on the
 * seed, its name and the options, never on which other symbols are generated. Bars of one
 * seed at two timeframes are separate draws, not resamples of each other: generate the finest
 * timeframe and resample when consistency across timeframes matters.
 */
export function generateUniverse(options: UniverseOptions): Bars[] {
  return [...generateUniverseChunks(options)];
}

/**
 * The same bars as `generateUniverse`, one symbol at a time (in the order of the names), so a
 * caller can store each symbol and report progress without holding the whole universe.
 * Options are checked before the first symbol is yielded.
 */
export function generateUniverseChunks(options: UniverseOptions): Generator<Bars, void, undefined> {
  const resolved = resolveUniverseOptions(options);
  const schedule = buildMarketSchedule({
    market: resolved.market,
    timeframe: resolved.timeframe,
    start: resolved.start,
    end: resolved.end,
    sessionOpen: resolved.sessionOpen,
    sessionClose: resolved.sessionClose,
    holidays: resolved.holidays,
    overnightVarianceShare: resolved.overnightVarianceShare,
    intradayVarianceShape: 2,
    intradayVolumeShape: 3,
  });
  return generateSymbols(resolved, schedule);
}

function* generateSymbols(options: ResolvedUniverseOptions, schedule: MarketSchedule): Generator<Bars, void, undefined> {
  const factor = simulateFactor(options, schedule);
  for (const symbol of options.symbols) yield simulateSymbol(options, schedule, factor, symbol);
}

interface FactorPath {
  /** Unit-daily-variance factor increment of each piece. */
  increment: Float64Array;
  /** The factor's GARCH variance on the piece's day. */
  variance: Float64Array;
}

function simulateFactor(options: ResolvedUniverseOptions, schedule: MarketSchedule): FactorPath {
  const n = schedule.pieceCount;
  const increment = new Float64Array(n);
  const variance = new Float64Array(n);
  const random = Random.fromSeed(options.seed, 'market-factor');
  const shock = shockSampler(random, options.shockDegreesOfFreedom);
  const { alpha, beta } = options.garch;
  const omega = 1 - alpha - beta;
  let h = 1;
  let day = n > 0 ? schedule.pieceDay[0] : 0;
  let dayShock = 0;
  for (let p = 0; p < n; p++) {
    if (schedule.pieceDay[p] !== day) {
      h = omega + alpha * h * dayShock * dayShock + beta * h;
      dayShock = 0;
      day = schedule.pieceDay[p];
    }
    const root = Math.sqrt(schedule.pieceVarianceShare[p]);
    const z = shock();
    dayShock += root * z;
    increment[p] = root * Math.sqrt(h) * z;
    variance[p] = h;
  }
  return { increment, variance };
}

function simulateSymbol(options: ResolvedUniverseOptions, schedule: MarketSchedule, factor: FactorPath, symbol: string): Bars {
  const days = options.tradingDaysPerYear;
  const profile = Random.fromSeed(options.seed, 'profile', symbol);
  const annualDrift = profile.nextBetween(options.annualDrift[0], options.annualDrift[1]);
  const annualVolatility = profile.nextBetween(options.annualVolatility[0], options.annualVolatility[1]);
  const startPrice = profile.nextLogUniform(options.startPrice[0], options.startPrice[1]);
  const dailyVolume = profile.nextLogUniform(options.dailyNotional[0], options.dailyNotional[1]) / startPrice;

  const [jumpMin, jumpMax] = options.jumpSize;
  // Daily diffusion volatility, scaled so diffusion plus jumps make the drawn annual volatility.
  const sigma = annualVolatility / Math.sqrt(days / (1 - options.jumpVarianceShare));
  const driftPerDay = (annualDrift - (annualVolatility * annualVolatility) / 2) / days;
  const rho = options.diffusionCorrelation;
  const factorLoad = Math.sqrt(rho) * sigma;
  const ownLoad = Math.sqrt(1 - rho) * sigma;
  const sigmaSquared = sigma * sigma;
  const { alpha, beta } = options.garch;
  const omega = 1 - alpha - beta;
  const jumpRatePerDay = options.jumpsPerYear / days;
  const isEquity = options.market === 'equity';
  const volumeNoise = options.volumeNoise;
  const volumeBias = (volumeNoise * volumeNoise) / 2;

  const random = Random.fromSeed(options.seed, 'path', symbol);
  const shock = shockSampler(random, options.shockDegreesOfFreedom);
  const nextJumpGap = () => (jumpRatePerDay > 0 ? random.nextExponential() / jumpRatePerDay : Infinity);

  const { pieceBar, pieceDay, pieceVarianceShare, pieceVolumeShare, pieceGap, pieceCount } = schedule;
  const barCount = schedule.barTimes.length;
  const bars = Bars.allocate(symbol, options.timeframe, barCount);
  bars.time.set(schedule.barTimes);
  const { open, high, low, close, volume } = bars;
  const fixedTick = options.tickSize;
  const fixedGrid = new TickGrid(Number.isNaN(fixedTick) ? 0.01 : fixedTick);

  let logPrice = Math.log(startPrice);
  let previousClose = startPrice;
  let h = 1;
  let day = pieceCount > 0 ? pieceDay[0] : 0;
  let dayShock = 0;
  let varianceClock = 0;
  let nextJump = nextJumpGap();

  // One pass over the bars, each consuming its run of pieces; plain locals (no closure over
  // mutable state) keep the hot loop in registers.
  let p = 0;
  for (let bar = 0; bar < barCount; bar++) {
    let started = false;
    let gapped = false;
    let openLog = logPrice;
    let highLog = logPrice;
    let lowLog = logPrice;
    let barVarianceShare = 0;
    let barVolumeShare = 0;
    for (; p < pieceCount && pieceBar[p] === bar; p++) {
      if (pieceDay[p] !== day) {
        h = omega + alpha * h * dayShock * dayShock + beta * h;
        dayShock = 0;
        day = pieceDay[p];
      }
      const share = pieceVarianceShare[p];
      const root = Math.sqrt(share);
      const z = shock();
      dayShock += root * z;
      let move = driftPerDay * share + factorLoad * factor.increment[p] + ownLoad * root * Math.sqrt(h) * z;
      varianceClock += share;
      while (varianceClock >= nextJump) {
        move += (random.nextDouble() < 0.5 ? -1 : 1) * random.nextBetween(jumpMin, jumpMax) * sigma;
        nextJump += nextJumpGap();
      }
      if (pieceGap[p] === 1) {
        logPrice += move;
        // A gap before the bar's first trade sets its open; a gap inside a (weekly) bar is part of its path.
        if (started) {
          if (logPrice > highLog) highLog = logPrice;
          if (logPrice < lowLog) lowLog = logPrice;
        } else {
          gapped = true;
        }
        continue;
      }
      if (!started) {
        started = true;
        openLog = logPrice;
        highLog = logPrice;
        lowLog = logPrice;
      }
      barVarianceShare += share;
      barVolumeShare += pieceVolumeShare[p];
      const pathVariance = share * sigmaSquared * (rho * factor.variance[p] + (1 - rho) * h);
      const spreadUp = Math.sqrt(move * move - 2 * pathVariance * Math.log(random.nextPositiveDouble()));
      const spreadDown = Math.sqrt(move * move - 2 * pathVariance * Math.log(random.nextPositiveDouble()));
      const top = logPrice + (move + spreadUp) / 2;
      const bottom = logPrice + (move - spreadDown) / 2;
      if (top > highLog) highLog = top;
      if (bottom < lowLog) lowLog = bottom;
      logPrice += move;
    }

    const first = bar === 0;
    const grid = Number.isNaN(fixedTick) ? relativeGrid(previousClose) : fixedGrid;
    const openPrice = gapped || first ? grid.round(Math.exp(openLog)) : previousClose;
    const closePrice = grid.round(Math.exp(logPrice));
    open[bar] = openPrice;
    close[bar] = closePrice;
    high[bar] = Math.max(grid.round(Math.exp(highLog)), openPrice, closePrice);
    low[bar] = Math.min(grid.round(Math.exp(lowLog)), openPrice, closePrice);
    const standardMove = Math.abs(logPrice - openLog) / (sigma * Math.sqrt(barVarianceShare));
    const amount =
      dailyVolume * barVolumeShare * Math.exp(volumeNoise * random.nextGaussian() - volumeBias) * (0.6 + 0.5 * standardMove);
    volume[bar] = isEquity ? Math.round(amount) : Math.round(amount * 10_000) / 10_000;
    previousClose = closePrice;
  }
  return bars;
}

function shockSampler(random: Random, degreesOfFreedom: number): () => number {
  if (!Number.isFinite(degreesOfFreedom)) return () => random.nextGaussian();
  const scale = Math.sqrt((degreesOfFreedom - 2) / degreesOfFreedom);
  return () => random.nextStudentT(degreesOfFreedom) * scale;
}

/**
 * Rounding to a price tick. When 1/tick is whole (0.01, 0.0001) prices are computed as
 * round(p / tick) / (1/tick), which yields the shortest decimal (12.34, not 12.340000000000002).
 */
class TickGrid {
  private readonly inverse: number;
  private readonly exact: boolean;

  constructor(readonly tick: number) {
    const inverse = 1 / tick;
    this.exact = inverse >= 1 && Math.abs(inverse - Math.round(inverse)) < 1e-9 * inverse;
    this.inverse = this.exact ? Math.round(inverse) : inverse;
  }

  /** The nearest multiple of the tick, and never less than one tick. */
  round(price: number): number {
    const rounded = this.exact ? Math.round(price * this.inverse) / this.inverse : Math.round(price / this.tick) * this.tick;
    return rounded < this.tick ? this.tick : rounded;
  }
}

/** Grids of 10^k, k = -20..20: relative ticks pick one per bar without allocating. */
const decimalGrids = Array.from({ length: 41 }, (_, i) => new TickGrid(Number(`1e${i - 20}`)));

/** Six significant digits of the reference price: 43210.5 -> tick 0.1, 0.512345 -> 0.000001. */
function relativeGrid(reference: number): TickGrid {
  const exponent = Math.floor(Math.log10(reference)) - 5;
  return decimalGrids[Math.min(40, Math.max(0, exponent + 20))];
}
