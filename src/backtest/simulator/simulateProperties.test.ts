import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bars } from '../../core/Bars.js';
import { Random } from '../../core/Random.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { movingAverageCross } from '../../strategy/builtin/movingAverageCross.js';
import { runStrategy } from '../../strategy/runStrategy.js';
import type { OrderRequest, SimulationOptions, SymbolInput } from './BacktestOptions.js';
import type { BacktestResult } from './BacktestResult.js';
import { buildResult } from './buildResult.js';
import { OrderSchedule } from './OrderSchedule.js';
import { prepareSymbols } from './prepareSymbols.js';
import { buildClock } from './SimulationClock.js';
import { scheduleRequests } from './requestOrders.js';
import { resolveSimulationOptions } from './resolveSimulationOptions.js';
import { runSimulation } from './runSimulation.js';
import { simulate } from './simulate.js';
import { SimulationState } from './SimulationState.js';

function signalColumn(length: number, random: Random, density: number): Uint8Array {
  return Uint8Array.from({ length }, () => (random.nextDouble() < density ? 1 : 0));
}

/** A random symbol: a walk, with every bar dropped with probability `gaps` (so clocks differ), and random entry/exit arrays. */
function randomSymbol(seed: number, name: string, length: number, gaps: number): SymbolInput {
  const random = Random.fromSeed(seed, 'symbol', name);
  const walk = randomWalkBars(length, seed + name.length * 7919, name);
  const kept = Array.from({ length }, (_, i) => i).filter(() => random.nextDouble() >= gaps);
  const bars = walk.pick(kept);
  const n = bars.length;
  return { bars, longEntries: signalColumn(n, random, 0.08), longExits: signalColumn(n, random, 0.05), shortEntries: signalColumn(n, random, 0.05), shortExits: signalColumn(n, random, 0.05) };
}

function randomRequests(seed: number, symbol: SymbolInput, count: number): OrderRequest[] {
  const random = Random.fromSeed(seed, 'requests');
  const { bars } = symbol;
  const types = ['market', 'limit', 'stop', 'stop-limit', 'trailing-stop'] as const;
  return Array.from({ length: count }, () => {
    const index = Math.floor(random.nextDouble() * (bars.length - 1));
    const close = bars.close[index];
    const side = random.nextDouble() < 0.5 ? 'buy' : 'sell';
    const type = types[Math.floor(random.nextDouble() * types.length)];
    const away = close * (1 + (random.nextDouble() - 0.5) * 0.06);
    const request: OrderRequest = { symbol: bars.symbol, index, side, type, quantity: 1 + Math.floor(random.nextDouble() * 50) };
    if (type === 'limit' || type === 'stop-limit') request.limitPrice = away;
    if (type === 'stop' || type === 'stop-limit') request.stopPrice = close * (1 + (random.nextDouble() - 0.5) * 0.04);
    if (type === 'trailing-stop') request.trailingDistance = close * 0.01;
    if (random.nextDouble() < 0.3) Object.assign(request, side === 'buy' ? { stopLoss: close * 0.97, takeProfit: close * 1.04 } : { stopLoss: close * 1.03, takeProfit: close * 0.96 });
    return request;
  });
}

const costs: SimulationOptions = { fees: { rate: 0.0007, fixed: 0.5 }, slippage: { bps: 3, rangeFraction: 0.05, impactCoefficient: 0.01 }, stops: { stopLossFraction: 0.02, takeProfitFraction: 0.04 } };

describe('ledger invariants', () => {
  it('cash plus the value of the positions (rebuilt from the fills) equals equity at every bar', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), (seed, leveraged) => {
        const symbols = ['A', 'B', 'C'].map((name) => randomSymbol(seed, name, 120, 0.15));
        const result = simulate({ symbols }, { ...costs, initialCash: 50_000, sizing: { kind: 'equity-fraction', fraction: 0.3 }, ...(leveraged ? { leverage: 3, maintenanceMargin: 0.1, fundingRate: 0.0001 } : {}) });
        const held = new Map<string, number>();
        const last = new Map<string, number>();
        const cursors = symbols.map(() => 0);
        let next = 0;
        result.curve.time.forEach((time, step) => {
          while (next < result.fills.length && result.fills[next].step === step) {
            held.set(result.fills[next].symbol, result.fills[next].positionAfter);
            next++;
          }
          symbols.forEach(({ bars }, s) => {
            if (cursors[s] < bars.length && bars.time[cursors[s]] === time) last.set(bars.symbol, bars.close[cursors[s]++]);
          });
          let value = 0;
          for (const { bars } of symbols) if ((held.get(bars.symbol) ?? 0) !== 0) value += held.get(bars.symbol)! * last.get(bars.symbol)!;
          expect(result.cashCurve[step] + value).toBe(result.curve.equity[step]);
        });
        // Every trade's profit is what it did to cash: the sum over trades is the change of equity once all is closed.
        const total = result.trades.reduce((sum, trade) => sum + trade.pnl, 0);
        expect(total).toBeCloseTo(result.equity - 50_000, 6);
      }),
      { numRuns: 40 },
    );
  });

  it('with no costs and fills at the close, an always-long position of all equity follows the price path', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const bars = randomWalkBars(200, seed);
        const entries = new Uint8Array(200);
        entries[0] = 1;
        const result = simulate({ symbols: [{ bars, longEntries: entries }] }, { initialCash: 10_000, fillAt: 'close' });
        for (let i = 0; i < bars.length; i++) expect(result.curve.equity[i] / 10_000).toBeCloseTo(bars.close[i] / bars.close[0], 10);
      }),
      { numRuns: 40 },
    );
  });

  it("no fill lies outside its bar's range, whatever the order type, slippage and tick size", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(0, 0.01, 0.25), (seed, tickSize) => {
        const symbol = { ...randomSymbol(seed, 'R', 150, 0), instrument: { tickSize } };
        const result = simulate({ symbols: [symbol], orders: randomRequests(seed, symbol, 40) }, { ...costs, slippage: { bps: 80, rangeFraction: 0.3, impactCoefficient: 0.5 }, stops: { trailingFraction: 0.02 } });
        expect(result.fills.length).toBeGreaterThan(0);
        for (const fill of result.fills) {
          expect(fill.price).toBeGreaterThanOrEqual(symbol.bars.low[fill.index]);
          expect(fill.price).toBeLessThanOrEqual(symbol.bars.high[fill.index]);
          expect(fill.slippage).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("a signal of bar i never fills at bar i's prices, unless it fills at that close", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), (seed, atClose) => {
        const symbol = randomSymbol(seed, 'T', 120, 0.1);
        const result = simulate({ symbols: [symbol] }, { ...costs, fillAt: atClose ? 'close' : 'next-open' });
        const ordersById = new Map(result.orders.map((order) => [order.id, order]));
        const entries = result.fills.filter((fill) => fill.reason === 'signal');
        expect(entries.length).toBeGreaterThan(0);
        for (const fill of entries) {
          const order = ordersById.get(fill.orderId)!;
          if (atClose) {
            expect(fill.index).toBe(order.signalIndex);
            expect(fill.referencePrice).toBe(symbol.bars.close[fill.index]);
          } else {
            expect(fill.index).toBe(order.signalIndex + 1);
            expect(fill.referencePrice).toBe(symbol.bars.open[fill.index]);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('the same inputs give the same ledgers', () => {
    const symbols = ['A', 'B'].map((name) => randomSymbol(5, name, 200, 0.1));
    const input = { symbols, orders: randomRequests(5, symbols[0], 30) };
    expect(simulate(input, costs)).toEqual(simulate(input, costs));
  });
});

/** Fills up to step `cut`, the equity and cash up to it, and the order events up to it: what a run knows at that close. */
function knownAt(result: BacktestResult, cut: number) {
  return {
    fills: result.fills.filter((fill) => fill.step <= cut).map(({ tradeId: _tradeId, ...fill }) => fill),
    events: result.orderEvents.filter((event) => event.step <= cut),
    equity: Array.from(result.curve.equity.subarray(0, cut + 1)),
    cash: Array.from(result.cashCurve.subarray(0, cut + 1)),
  };
}

/** The bars with every bar after `cut` replaced by another walk's (times unchanged). */
function splice(bars: Bars, otherSeed: number, cut: number): Bars {
  const other = randomWalkBars(bars.length, otherSeed, bars.symbol);
  const spliced = bars.copy();
  for (let i = cut + 1; i < bars.length; i++) {
    // Scale the other walk to continue from the cut so that prices stay plausible.
    const scale = bars.close[cut] / other.open[cut + 1];
    spliced.open[i] = other.open[i] * scale;
    spliced.high[i] = other.high[i] * scale;
    spliced.low[i] = other.low[i] * scale;
    spliced.close[i] = other.close[i] * scale;
    spliced.volume[i] = other.volume[i];
  }
  return spliced;
}

describe('no look-ahead', () => {
  it('changing the bars after t changes nothing the ledgers hold up to t (arrays, orders, stops)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 5, max: 140 }), fc.boolean(), (seed, otherSeed, cut, atClose) => {
        const symbol = randomSymbol(seed, 'L', 150, 0);
        const options: SimulationOptions = { ...costs, fillAt: atClose ? 'close' : 'next-open', stops: { stopLossFraction: 0.02, trailingFraction: 0.03 } };
        const requests = randomRequests(seed, symbol, 20);
        const original = simulate({ symbols: [symbol], orders: requests }, options);
        const changed = simulate({ symbols: [{ ...symbol, bars: splice(symbol.bars, otherSeed, cut) }], orders: requests }, options);
        expect(knownAt(changed, cut)).toEqual(knownAt(original, cut));
      }),
      { numRuns: 60 },
    );
  });

  it('a strategy routed through the simulator: trades up to t do not depend on the bars after t', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 40, max: 280 }), (seed, otherSeed, cut) => {
        const bars = randomWalkBars(300, seed);
        const spliced = splice(bars, otherSeed, cut);
        const run = (series: Bars) => simulate({ symbols: [{ bars: series }], signals: runStrategy(movingAverageCross, series, { fastPeriod: 4, slowPeriod: 12, direction: 'both' }) }, costs);
        expect(knownAt(run(spliced), cut)).toEqual(knownAt(run(bars), cut));
      }),
      { numRuns: 30 },
    );
  });
});

describe('the single-symbol loop', () => {
  it('gives the ledgers of the multi-symbol loop', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), (seed, atClose) => {
        const symbol = { ...randomSymbol(seed, 'S', 150, 0), targetFractions: undefined };
        const requests = randomRequests(seed, symbol, 15);
        const options = resolveSimulationOptions({ ...costs, fillAt: atClose ? 'close' : 'next-open', leverage: 2, maintenanceMargin: 0.2, fundingRate: 0.0002 });
        const run = (generic: boolean) => {
          const prepared = prepareSymbols([symbol], options);
          const state = new SimulationState(options, prepared, []);
          const clock = buildClock(prepared);
          const schedule = new OrderSchedule(1);
          scheduleRequests(requests, schedule, new Map([['S', 0]]), state.barCount);
          schedule.seal();
          return buildResult(state, clock, runSimulation(state, { clock, schedule, router: undefined, symbolIndex: new Map([['S', 0]]), generic }), undefined);
        };
        expect(run(false)).toEqual(run(true));
      }),
      { numRuns: 40 },
    );
  });

  it('over aligned symbols gives the ledgers of the per-step rows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const symbols = ['A', 'B', 'C'].map((name) => randomSymbol(seed, name, 100, 0));
        const options: SimulationOptions = { ...costs, sizing: { kind: 'equity-fraction', fraction: 0.3 } };
        const aligned = simulate({ symbols }, options);
        // A silent symbol trading on some of the same days makes the clock ragged (rows), not different.
        const silent = randomSymbol(seed, 'Z', 100, 0.5);
        const ragged = simulate({ symbols: [...symbols, { bars: silent.bars }] }, options);
        expect(ragged.fills).toEqual(aligned.fills);
        expect(ragged.trades).toEqual(aligned.trades);
        expect(ragged.curve.equity).toEqual(aligned.curve.equity);
      }),
      { numRuns: 30 },
    );
  });
});
