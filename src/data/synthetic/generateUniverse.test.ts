import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Bars } from '../../core/Bars.js';
import { Timeframe, timeframeCodes } from '../../core/Timeframe.js';
import { isTickforgeError } from '../../core/errors.js';
import { generateUniverse, generateUniverseChunks } from './generateUniverse.js';

const DAY = 86_400_000;
const MINUTE = 60_000;
const SESSION_OPEN = (14 * 60 + 30) * MINUTE;
const SESSION_CLOSE = 21 * 60 * MINUTE;

function logReturns(bars: Bars): number[] {
  const returns: number[] = [];
  for (let i = 1; i < bars.length; i++) returns.push(Math.log(bars.close[i] / bars.close[i - 1]));
  return returns;
}

const mean = (values: number[]) => values.reduce((sum, x) => sum + x, 0) / values.length;
const standardDeviation = (values: number[]) => {
  const m = mean(values);
  return Math.sqrt(mean(values.map((x) => (x - m) ** 2)));
};

function autocorrelation(values: number[], lag = 1): number {
  const m = mean(values);
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < values.length; i++) {
    denominator += (values[i] - m) ** 2;
    if (i >= lag) numerator += (values[i] - m) * (values[i - lag] - m);
  }
  return numerator / denominator;
}

function correlation(a: number[], b: number[]): number {
  const ma = mean(a);
  const mb = mean(b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

function meanPairwiseCorrelation(universe: Bars[]): number {
  const returns = universe.map(logReturns);
  const values: number[] = [];
  for (let i = 0; i < returns.length; i++) for (let j = i + 1; j < returns.length; j++) values.push(correlation(returns[i], returns[j]));
  return mean(values);
}

/** Every rule of DESIGN section 3, returning the first broken one (or undefined). */
function brokenRule(bars: Bars): string | undefined {
  for (let i = 0; i < bars.length; i++) {
    const [o, h, l, c, v] = [bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]];
    if (![o, h, l, c, v].every(Number.isFinite)) return `row ${i}: non-finite`;
    if (h < Math.max(o, c)) return `row ${i}: high ${h} < max(open ${o}, close ${c})`;
    if (l > Math.min(o, c)) return `row ${i}: low ${l} > min(open ${o}, close ${c})`;
    if (l <= 0) return `row ${i}: low ${l} <= 0`;
    if (v < 0) return `row ${i}: volume ${v} < 0`;
    if (i > 0 && bars.time[i] <= bars.time[i - 1]) return `row ${i}: time not after the previous one`;
    if (!bars.timeframe.isAligned(bars.time[i])) return `row ${i}: time ${bars.time[i]} not aligned to ${bars.timeframe.code}`;
  }
  return undefined;
}

const weekday = (time: number) => new Date(time).getUTCDay();

describe('generateUniverse', () => {
  const base = { timeframe: '1d', start: Date.UTC(2020, 0, 1), end: Date.UTC(2021, 0, 1) } as const;

  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateUniverse({ ...base, symbols: 3, seed: 11 });
    const b = generateUniverse({ ...base, symbols: 3, seed: 11 });
    const c = generateUniverse({ ...base, symbols: 3, seed: 12 });
    for (let s = 0; s < 3; s++) {
      for (const column of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) expect(a[s][column]).toEqual(b[s][column]);
      expect(a[s].close).not.toEqual(c[s].close);
    }
    expect(a[0].close).not.toEqual(a[1].close);
  });

  it('names counted symbols SYN001... and keeps explicit names in order', () => {
    expect(generateUniverse({ ...base, symbols: 3, seed: 1 }).map((bars) => bars.symbol)).toEqual(['SYN001', 'SYN002', 'SYN003']);
    expect(generateUniverse({ ...base, symbols: 1000, seed: 1, end: base.start + 3 * DAY })[999].symbol).toBe('SYN1000');
    expect(generateUniverse({ ...base, symbols: ['MSFT', 'AAPL'], seed: 1 }).map((bars) => bars.symbol)).toEqual(['MSFT', 'AAPL']);
  });

  it("gives a symbol the same bars whichever other symbols are generated with it", () => {
    const alone = generateUniverse({ ...base, symbols: ['BBB'], seed: 5 })[0];
    const together = generateUniverse({ ...base, symbols: ['AAA', 'BBB', 'CCC'], seed: 5 })[1];
    expect(together.close).toEqual(alone.close);
    expect(together.volume).toEqual(alone.volume);
  });

  it('yields the same bars one symbol at a time from generateUniverseChunks', () => {
    const options = { ...base, symbols: 4, seed: 9, timeframe: '15m', end: base.start + 10 * DAY };
    const chunks = [...generateUniverseChunks(options)];
    const whole = generateUniverse(options);
    expect(chunks.map((bars) => bars.symbol)).toEqual(whole.map((bars) => bars.symbol));
    for (let s = 0; s < whole.length; s++) expect(chunks[s].close).toEqual(whole[s].close);
  });

  it('checks the options before yielding anything, naming the option', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ symbols: 0 }, '"symbols"'],
      [{ symbols: ['A', 'A'] }, 'unique'],
      [{ end: base.start }, '"end"'],
      [{ correlation: 1 }, '"correlation"'],
      [{ garch: { alpha: 0.2, beta: 0.8 } }, '"garch"'],
      [{ annualVolatility: [0.4, 0.2] }, '"annualVolatility"'],
      [{ session: { open: '21:00', close: '14:30' } }, '"session"'],
      [{ session: { open: '9h30', close: '16:00' } }, "'HH:MM'"],
      [{ holidays: ['2020/12/25'] }, '"holidays"'],
      [{ shockDegreesOfFreedom: 2 }, '"shockDegreesOfFreedom"'],
      [{ market: 'forex' }, '"market"'],
    ];
    for (const [override, fragment] of cases) {
      try {
        generateUniverseChunks({ ...base, symbols: 2, seed: 1, ...override } as Parameters<typeof generateUniverse>[0]);
        expect.unreachable(`expected ${JSON.stringify(override)} to be rejected`);
      } catch (error) {
        expect(isTickforgeError(error, 'TF_ERR_CORE_ARGUMENT_INVALID')).toBe(true);
        expect((error as Error).message).toContain(fragment);
      }
    }
    expect(() => generateUniverse({ ...base, symbols: 1, seed: 1, timeframe: '7m' })).toThrowError(/Unknown timeframe "7m"/);
  });

  it('holds the bar rules, alignment and calendar for any seed, timeframe and market', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.constantFrom(...timeframeCodes),
        fc.constantFrom('equity' as const, 'crypto' as const),
        fc.integer({ min: 0, max: 40 * DAY }),
        fc.integer({ min: 1, max: 400 }),
        (seed, code, market, offset, barSpan) => {
          const timeframe = Timeframe.of(code);
          const start = Date.UTC(2021, 0, 1) + offset;
          const end = start + barSpan * timeframe.milliseconds;
          const universe = generateUniverse({ symbols: 2, timeframe: code, market, start, end, seed });
          for (const bars of universe) {
            expect(brokenRule(bars)).toBeUndefined();
            if (bars.length > 0) {
              expect(bars.time[0]).toBeGreaterThanOrEqual(start);
              expect(bars.time[bars.length - 1]).toBeLessThan(end);
            }
            if (market === 'crypto') {
              const first = timeframe.isAligned(start) ? start : timeframe.align(start) + timeframe.milliseconds;
              expect(bars.length).toBe(Math.max(0, Math.ceil((end - first) / timeframe.milliseconds)));
              if (bars.length > 0) expect(bars.time[0]).toBe(first);
              for (let i = 1; i < bars.length; i++) expect(bars.time[i] - bars.time[i - 1]).toBe(timeframe.milliseconds);
              // 24/7 with no gaps: every open is the previous close.
              for (let i = 1; i < bars.length; i++) expect(bars.open[i]).toBe(bars.close[i - 1]);
            } else if (timeframe.milliseconds < DAY) {
              for (const time of bars.time) {
                const day = Math.floor(time / DAY) * DAY;
                expect([0, 6]).not.toContain(weekday(time));
                // The bar's interval overlaps the session.
                expect(time).toBeLessThan(day + SESSION_CLOSE);
                expect(time + timeframe.milliseconds).toBeGreaterThan(day + SESSION_OPEN);
              }
            } else if (code === '1d') {
              for (const time of bars.time) expect([0, 6]).not.toContain(weekday(time));
            }
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('puts equity 1m bars on every minute of every weekday session and nowhere else', () => {
    // Monday 2024-01-01 to Monday 2024-01-15: ten weekdays of 390 minutes.
    const [bars] = generateUniverse({ symbols: 1, timeframe: '1m', start: Date.UTC(2024, 0, 1), end: Date.UTC(2024, 0, 15), seed: 3 });
    expect(bars.length).toBe(10 * 390);
    const minutesOfDay = new Set(Array.from(bars.time, (time) => (time % DAY) / MINUTE));
    expect(Math.min(...minutesOfDay)).toBe(14 * 60 + 30);
    expect(Math.max(...minutesOfDay)).toBe(20 * 60 + 59);
    expect(minutesOfDay.size).toBe(390);
  });

  it('makes coarser equity bars the buckets that resampling its 1m bars would make', () => {
    const span = { symbols: 1, start: Date.UTC(2024, 0, 1), end: Date.UTC(2024, 0, 13), seed: 4 };
    const minutes = generateUniverse({ ...span, timeframe: '1m' })[0].time;
    for (const code of ['5m', '30m', '1h', '2h', '4h', '6h', '12h', '1d'] as const) {
      const timeframe = Timeframe.of(code);
      const buckets = [...new Set(Array.from(minutes, (time) => timeframe.align(time)))];
      expect(Array.from(generateUniverse({ ...span, timeframe: code })[0].time)).toEqual(buckets);
    }
    // With the 14:30-21:00 session, hourly bars open at 14:00 (holding 14:30-15:00) through 20:00.
    const hours = generateUniverse({ ...span, timeframe: '1h' })[0].time;
    expect(Array.from(hours.subarray(0, 7), (time) => new Date(time).getUTCHours())).toEqual([14, 15, 16, 17, 18, 19, 20]);
  });

  it('opens equity weekly bars on Mondays and skips holidays and custom session hours', () => {
    const span = { symbols: 1, start: Date.UTC(2024, 0, 1), end: Date.UTC(2024, 2, 4), seed: 6 };
    const weeks = generateUniverse({ ...span, timeframe: '1w' })[0];
    expect(weeks.length).toBe(9);
    for (const time of weeks.time) expect(weekday(time)).toBe(1);

    const days = generateUniverse({ ...span, timeframe: '1d', holidays: ['2024-01-15', Date.UTC(2024, 1, 19)] })[0];
    const dates = Array.from(days.time, (time) => new Date(time).toISOString().slice(0, 10));
    expect(dates).not.toContain('2024-01-15');
    expect(dates).not.toContain('2024-02-19');
    expect(dates).toContain('2024-01-16');
    expect(days.length).toBe(9 * 5 - 2);

    const summer = generateUniverse({ ...span, timeframe: '30m', session: { open: '13:30', close: '20:00' } })[0];
    const halfHours = new Set(Array.from(summer.time, (time) => (time % DAY) / MINUTE));
    expect(Math.min(...halfHours)).toBe(13 * 60 + 30);
    expect(Math.max(...halfHours)).toBe(19 * 60 + 30);
  });

  it('gaps equity sessions open away from the previous close, and rounds to the tick', () => {
    const [bars] = generateUniverse({ ...base, symbols: 1, seed: 8 });
    let gaps = 0;
    for (let i = 1; i < bars.length; i++) if (bars.open[i] !== bars.close[i - 1]) gaps++;
    expect(gaps).toBeGreaterThan(bars.length * 0.8);
    for (const column of [bars.open, bars.high, bars.low, bars.close]) {
      for (const price of column) expect(Math.abs(price * 100 - Math.round(price * 100))).toBeLessThan(1e-6);
    }
    for (const shares of bars.volume) expect(Number.isInteger(shares)).toBe(true);
  });

  it('gives crypto prices about six significant digits', () => {
    const [bars] = generateUniverse({ ...base, symbols: 1, seed: 8, market: 'crypto', startPrice: [123.456789, 123.456789] });
    // The first close is rounded with the tick of 123.457: 0.001.
    expect(Math.abs(bars.close[0] * 1000 - Math.round(bars.close[0] * 1000))).toBeLessThan(1e-6);
    expect(bars.open[0]).toBe(123.457);
  });

  it('trades more at the open and the close of the equity session than at midday (U shape)', () => {
    const universe = generateUniverse({ symbols: 5, timeframe: '30m', start: Date.UTC(2023, 0, 2), end: Date.UTC(2023, 6, 1), seed: 2 });
    const bySlot = new Map<number, number[]>();
    for (const bars of universe) {
      const daily = mean(Array.from(bars.volume));
      for (let i = 0; i < bars.length; i++) {
        const slot = (bars.time[i] % DAY) / MINUTE;
        bySlot.set(slot, [...(bySlot.get(slot) ?? []), bars.volume[i] / daily]);
      }
    }
    const first = mean(bySlot.get(14 * 60 + 30)!);
    const midday = mean(bySlot.get(17 * 60 + 30)!);
    const last = mean(bySlot.get(20 * 60 + 30)!);
    // Weights 1 + 3 (2x - 1)^2 at x = 1/26, 1/2 and 25/26: about 3.6, 1 and 3.6.
    expect(first / midday).toBeGreaterThan(2.5);
    expect(last / midday).toBeGreaterThan(2.5);
  });

  describe('statistics over 20 years of daily bars', () => {
    const long = { symbols: 10, timeframe: '1d', start: Date.UTC(2000, 0, 1), end: Date.UTC(2020, 0, 1), seed: 2024 } as const;
    const universe = generateUniverse(long);
    const returns = universe.map(logReturns);

    it('clusters volatility: squared returns autocorrelate while returns do not', () => {
      const squared = mean(returns.map((r) => autocorrelation(r.map((x) => x * x))));
      const absolute = mean(returns.map((r) => autocorrelation(r.map(Math.abs))));
      const plain = returns.map((r) => autocorrelation(r));
      expect(squared).toBeGreaterThan(0.05);
      expect(absolute).toBeGreaterThan(0.05);
      expect(Math.abs(mean(plain))).toBeLessThan(0.02);
      for (const value of plain) expect(Math.abs(value)).toBeLessThan(0.06);

      // Without jumps (whose outliers dilute the sample autocorrelation of squares) the GARCH
      // signature is plain; with alpha = beta = 0 (i.i.d. variance) it is gone.
      const noJumps = generateUniverse({ ...long, jumpsPerYear: 0 }).map(logReturns);
      expect(mean(noJumps.map((r) => autocorrelation(r.map((x) => x * x))))).toBeGreaterThan(0.1);
      const noGarch = generateUniverse({ ...long, jumpsPerYear: 0, garch: { alpha: 0, beta: 0 } }).map(logReturns);
      expect(Math.abs(mean(noGarch.map((r) => autocorrelation(r.map((x) => x * x)))))).toBeLessThan(0.02);
    });

    it('correlates symbols at the configured level', () => {
      expect(Math.abs(meanPairwiseCorrelation(universe) - 0.35)).toBeLessThan(0.06);
      const high = generateUniverse({ ...long, correlation: 0.7 });
      expect(Math.abs(meanPairwiseCorrelation(high) - 0.7)).toBeLessThan(0.07);
      const none = generateUniverse({ ...long, correlation: 0 });
      expect(Math.abs(meanPairwiseCorrelation(none))).toBeLessThan(0.03);
    });

    it('keeps annualised volatility inside the configured range, jumps included', () => {
      for (const r of returns) {
        const annual = standardDeviation(r) * Math.sqrt(252);
        expect(annual).toBeGreaterThan(0.15 * 0.85);
        expect(annual).toBeLessThan(0.45 * 1.15);
      }
      const fixed = generateUniverse({ ...long, annualVolatility: [0.3, 0.3] }).map(logReturns);
      const annualised = fixed.map((r) => standardDeviation(r) * Math.sqrt(252));
      expect(Math.abs(mean(annualised) - 0.3)).toBeLessThan(0.02);
      for (const value of annualised) expect(Math.abs(value - 0.3)).toBeLessThan(0.05);
    });

    it('grows prices at about the configured drift', () => {
      const fixed = generateUniverse({ ...long, annualDrift: [0.1, 0.1], annualVolatility: [0.2, 0.2] }).map(logReturns);
      // Expected log growth mu - sigma^2 / 2 = 0.08 a year; the shared factor leaves about 0.03 of noise.
      const yearly = mean(fixed.map((r) => (mean(r) * r.length) / 20));
      expect(Math.abs(yearly - 0.08)).toBeLessThan(0.07);
    });

    it('has occasional jumps beyond 5 standard deviations, rare without them', () => {
      const countOutliers = (series: number[][]) =>
        series.reduce((total, r) => {
          const m = mean(r);
          const sd = standardDeviation(r);
          return total + r.filter((x) => Math.abs(x - m) > 5 * sd).length;
        }, 0);
      const withJumps = countOutliers(returns);
      const withoutJumps = countOutliers(generateUniverse({ ...long, jumpsPerYear: 0 }).map(logReturns));
      // 1.5 jumps a year x 20 years x 10 symbols = 300 jumps of 3-6 diffusion sigmas; a good share clear 5 total sigmas.
      expect(withJumps).toBeGreaterThan(40);
      expect(withoutJumps).toBeLessThan(withJumps / 3);
    });

    it('raises volume with the size of the move', () => {
      const bars = universe[0];
      const r = logReturns(bars).map(Math.abs);
      const volumes = Array.from(bars.volume.subarray(1)).map(Math.log);
      expect(correlation(r, volumes)).toBeGreaterThan(0.2);
    });
  });
});
