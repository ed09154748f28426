import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bars } from '../../core/Bars.js';
import { Random } from '../../core/Random.js';
import { Timeframe } from '../../core/Timeframe.js';
import { validateBars } from '../../data/validate/validateBars.js';
import type { BacktestInput, SimulationOptions, SymbolInput } from './BacktestOptions.js';
import type { BacktestResult } from './BacktestResult.js';
import { prepareSymbols } from './prepareSymbols.js';
import { resolveSimulationOptions } from './resolveSimulationOptions.js';
import { coversLongSignals } from './runLongSignals.js';
import { simulate, simulateWith } from './simulate.js';

/**
 * The specialised paths (`LongSignalRun`, and the bars checked block by block as the run goes)
 * against the general path, forced with the internal switches, on random bars, signals and
 * options: every ledger, the curves and the account figures must be the same numbers (toEqual
 * tells +0 from -0; NaN equals NaN), in the same property order.
 */

/** Bars with gaps (an open away from the last close), flat bars and ranges of varied width. */
function randomBars(seed: number, length: number): Bars {
  const random = Random.fromSeed(seed, 'long-signals-bars');
  const bars = Bars.allocate('COIN', Timeframe.of('1m'), length);
  let price = 50 + random.nextDouble() * 100;
  for (let i = 0; i < length; i++) {
    const open = random.nextDouble() < 0.3 ? price * (1 + random.nextGaussian() * 0.01) : price;
    price = Math.max(0.5, open * Math.exp(random.nextGaussian() * 0.015));
    const close = random.nextDouble() < 0.05 ? open : price;
    const spread = random.nextDouble() < 0.1 ? 0 : Math.abs(random.nextGaussian()) * 0.01 * open;
    bars.time[i] = Date.UTC(2024, 0, 1) + i * 60_000;
    bars.open[i] = open;
    bars.close[i] = close;
    bars.high[i] = Math.max(open, close) + spread * random.nextDouble();
    bars.low[i] = Math.max(0.01, Math.min(open, close) - spread * random.nextDouble());
    bars.volume[i] = Math.round(random.nextDouble() * 10_000);
    price = close;
  }
  return bars;
}

function signals(seed: number, name: string, length: number, density: number): Uint8Array {
  const random = Random.fromSeed(seed, 'long-signals', name);
  return Uint8Array.from({ length }, () => (random.nextDouble() < density ? 1 + Math.floor(random.nextDouble() * 255) : 0));
}

/** The same values at a byte offset that is not a multiple of 4 (the scans read aligned columns by words). */
function unaligned(column: Uint8Array): Uint8Array {
  const view = new Uint8Array(column.length + 3).subarray(3);
  view.set(column);
  return view;
}

/** The general path on the same inputs: both specialised paths off. */
function generalPath(input: BacktestInput, options: SimulationOptions = {}): BacktestResult {
  return simulateWith(input, options, { longSignals: false, checkBarsInRun: false });
}

/** Every property, lazy ones read (a spread reads the getters), typed arrays as arrays. */
function everything(result: BacktestResult): Record<string, unknown> {
  const { curve, cashCurve, ...rest } = result;
  return { keys: Object.keys(result), ...rest, time: Array.from(curve.time), equity: Array.from(curve.equity), exposure: Array.from(curve.exposure), cash: Array.from(cashCurve) };
}

const optionsArbitrary: fc.Arbitrary<SimulationOptions> = fc.record(
  {
    initialCash: fc.constantFrom(100, 10_000, 100_000),
    fillAt: fc.constantFrom('next-open' as const, 'close' as const),
    sizing: fc.oneof(
      fc.record({ kind: fc.constant('equity-fraction' as const), fraction: fc.constantFrom(0.1, 0.5, 1, 1.5) }),
      fc.record({ kind: fc.constant('cash' as const), cash: fc.constantFrom(5, 3_000, 50_000) }),
      fc.record({ kind: fc.constant('quantity' as const), quantity: fc.constantFrom(0.3, 7, 500) }),
    ),
    maxEntries: fc.integer({ min: 1, max: 3 }),
    insufficientMargin: fc.constantFrom('shrink' as const, 'reject' as const),
    fees: fc.record({ rate: fc.constantFrom(0, 0.001, 0.01, -0.0002), fixed: fc.constantFrom(0, 1.5) }, { requiredKeys: [] }),
    slippage: fc.record({ bps: fc.constantFrom(0, 5, 40), rangeFraction: fc.constantFrom(0, 0.1) }, { requiredKeys: [] }),
    instrument: fc.record({ tickSize: fc.constantFrom(0, 0.01, 0.25), lotSize: fc.constantFrom(0, 0.1, 1), minQuantity: fc.constantFrom(0, 2) }, { requiredKeys: [] }),
    closeAtEnd: fc.boolean(),
    strategy: fc.constantFrom('signals', 'breakout'),
  },
  { requiredKeys: [] },
);

describe('the long entry/exit array run', () => {
  it('gives the general path’s ledgers, curves and figures on random bars, signals and options', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 400 }), fc.constantFrom(0.02, 0.1, 0.4), optionsArbitrary, fc.boolean(), fc.boolean(), (seed, length, density, options, exitsOnly, offset) => {
        const bars = randomBars(seed, length);
        const entries = signals(seed, 'entries', length, exitsOnly ? 0 : density);
        const input: SymbolInput = { bars, longEntries: offset ? unaligned(entries) : entries, longExits: signals(seed, 'exits', length, density) };
        expect(coversLongSignals(prepareSymbols([input], resolveSimulationOptions(options)), resolveSimulationOptions(options))).toBe(true);
        const fast = simulate({ symbols: [input] }, options);
        const general = generalPath({ symbols: [input] }, options);
        expect(everything(fast)).toEqual(everything(general));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same over several blocks of the bars check, with one signal column (entries or exits)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 2_000, max: 7_000 }), optionsArbitrary, fc.boolean(), (seed, length, options, exitsOnly) => {
        const bars = randomBars(seed, length);
        const entries = signals(seed, 'entries', length, 0.01);
        const input: SymbolInput = exitsOnly ? { bars, longExits: entries } : { bars, longEntries: entries };
        const fast = simulate({ symbols: [input] }, options);
        const general = generalPath({ symbols: [input] }, options);
        expect(everything(fast)).toEqual(everything(general));
      }),
      { numRuns: 20 },
    );
  });

  it('gives the same over many chunks of listed bars, with dense signals (BarVisits lists 1,024 bars per chunk)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 3_000, max: 6_000 }), optionsArbitrary, (seed, length, options) => {
        const bars = randomBars(seed, length);
        const input: SymbolInput = { bars, longEntries: signals(seed, 'entries', length, 0.4), longExits: signals(seed, 'exits', length, 0.4) };
        expect(everything(simulate({ symbols: [input] }, options))).toEqual(everything(generalPath({ symbols: [input] }, options)));
      }),
      { numRuns: 15 },
    );
  });

  it('gives the same when entries are refused along the way, which the listing of bars assumed would fill', () => {
    // The second entry of a pyramid wants 60% of equity while 40% is free: refused, so the run's
    // position differs from the one the listing followed, and the listing starts again from the run's.
    const length = 5_000;
    const bars = randomBars(11, length);
    const input: SymbolInput = { bars, longEntries: signals(11, 'entries', length, 0.05), longExits: signals(11, 'exits', length, 0.03) };
    const options: SimulationOptions = { sizing: { kind: 'equity-fraction', fraction: 0.6 }, maxEntries: 2, insufficientMargin: 'reject', fees: { rate: 0.001 } };
    const fast = simulate({ symbols: [input] }, options);
    const refused = fast.orders.filter((order) => order.status === 'rejected').length;
    expect(refused).toBeGreaterThan(20);
    expect(fast.trades.length).toBeGreaterThan(20);
    expect(everything(fast)).toEqual(everything(generalPath({ symbols: [input] }, options)));
  });

  it('checks the bars as the upfront check does: the same error for a bad row anywhere, signals or not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 5_000 }), fc.nat(), fc.constantFrom('time', 'low', 'high', 'volume', 'nan'), fc.boolean(), (seed, length, at, fault, shorts) => {
        const bars = randomBars(seed, length);
        const row = at % length;
        if (fault === 'time') bars.time[row] = row > 0 ? bars.time[row - 1] : NaN;
        else if (fault === 'low') bars.low[row] = bars.high[row] + 1;
        else if (fault === 'high') bars.high[row] = Infinity;
        else if (fault === 'volume') bars.volume[row] = -1;
        else bars.close[row] = NaN;
        const entries = signals(seed, 'entries', length, 0.001);
        // The short arrays send the run to the general loop, which checks the bars as it goes too.
        const input: SymbolInput = shorts ? { bars, longEntries: entries, shortEntries: entries } : { bars, longEntries: entries };
        const error = (run: () => unknown) => {
          try {
            run();
          } catch (thrown) {
            return thrown;
          }
          return undefined;
        };
        const fastError = error(() => simulate({ symbols: [input] }, {}));
        const generalError = error(() => generalPath({ symbols: [input] }, {}));
        expect(generalError).toBeDefined();
        expect(fastError).toEqual(generalError);
        expect(String(fastError)).toBe(String(generalError));
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same results on bars validated at ingest, which the run does not check again', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 9_000 }), optionsArbitrary, fc.constantFrom(0.001, 0.01, 0.2), fc.boolean(), (seed, length, options, density, shorts) => {
        const bars = randomBars(seed, length);
        const validated = validateBars({ bars: bars.copy() }).bars;
        expect(validated.validation?.lowestLow).toBeGreaterThan(0);
        const arrays = { longEntries: signals(seed, 'entries', length, density), longExits: signals(seed, 'exits', length, density), ...(shorts ? { shortEntries: signals(seed, 'shorts', length, density) } : {}) };
        const checked = simulate({ symbols: [{ bars, ...arrays }] }, options);
        const loadedAhead = simulate({ symbols: [{ bars: validated, ...arrays }] }, options);
        expect(everything(loadedAhead)).toEqual(everything(checked));
      }),
      { numRuns: 60 },
    );
  });

  it('still checks validated bars whose prices are not all positive, and bars built anew over validated columns', () => {
    const bars = randomBars(5, 40);
    bars.low[7] = 0;
    bars.open[7] = 0;
    const validated = validateBars({ bars }).bars;
    expect(validated.validation?.lowestLow).toBe(0);
    expect(() => simulate({ symbols: [{ bars: validated, longEntries: new Uint8Array(40) }] })).toThrow(/non-positive price at row 7/);
    const good = validateBars({ bars: randomBars(6, 40) }).bars;
    const rebuilt = new Bars(good.symbol, good.timeframe, good.columns());
    expect(rebuilt.validation).toBeUndefined();
    rebuilt.volume[3] = -1;
    expect(() => simulate({ symbols: [{ bars: rebuilt, longEntries: new Uint8Array(40) }] })).toThrow(/row 3/);
  });

  it('reports bad bars before a bad column, as the upfront check does', () => {
    const bars = randomBars(3, 50);
    bars.volume[40] = -5;
    const input: SymbolInput = { bars, longEntries: new Uint8Array(49) };
    expect(() => simulate({ symbols: [input] })).toThrow(/row 40/);
  });

  it('leaves the general loop’s results alone when the bars are checked as it runs (short arrays, stops, funding)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 300 }), optionsArbitrary, (seed, length, options) => {
        const bars = randomBars(seed, length);
        const input: SymbolInput = { bars, longEntries: signals(seed, 'a', length, 0.1), longExits: signals(seed, 'b', length, 0.05), shortEntries: signals(seed, 'c', length, 0.05), shortExits: signals(seed, 'd', length, 0.05) };
        const withStops: SimulationOptions = { ...options, stops: { stopLossFraction: 0.02, trailingFraction: 0.03 }, fundingRate: 0.0001 };
        const fast = simulate({ symbols: [input] }, withStops);
        const general = generalPath({ symbols: [input] }, withStops);
        expect(everything(fast)).toEqual(everything(general));
      }),
      { numRuns: 100 },
    );
  });
});
