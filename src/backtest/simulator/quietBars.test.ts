import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../core/Random.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import type { SimulationOptions, SymbolInput } from './BacktestOptions.js';
import type { BacktestResult } from './BacktestResult.js';
import { simulate } from './simulate.js';

/** Sparse entry/exit arrays over a walk: most bars are quiet, so the run loops jump over them. */
function sparseSymbol(seed: number, name: string, length: number, density: number): SymbolInput {
  const random = Random.fromSeed(seed, 'quiet', name);
  const column = () => Uint8Array.from({ length }, () => (random.nextDouble() < density ? 1 : 0));
  return { bars: randomWalkBars(length, seed + name.charCodeAt(0), name), longEntries: column(), longExits: column(), shortEntries: column(), shortExits: column() };
}

/** The same symbol with a target column that never instructs anything: it makes the loops visit every bar. */
function everyBar(symbol: SymbolInput): SymbolInput {
  return { ...symbol, targetFractions: new Float64Array(symbol.bars.length).fill(NaN) };
}

function everything(result: BacktestResult) {
  return { ...result, curve: { ...result.curve }, fills: result.fills, orders: result.orders, orderEvents: result.orderEvents, trades: result.trades };
}

const variants: SimulationOptions[] = [
  { fees: { rate: 0.001 }, slippage: { bps: 5 } },
  { fees: { rate: 0.0005, fixed: 1 }, fillAt: 'close', closeAtEnd: false, maxEntries: 3, sizing: { kind: 'equity-fraction', fraction: 0.3 } },
  { stops: { stopLossFraction: 0.02, takeProfitFraction: 0.03, trailingFraction: 0.04 }, slippage: { rangeFraction: 0.1 } },
  { leverage: 3, maintenanceMargin: 0.1, fundingRate: 0.0003, borrowRate: 0.0002, sizing: { kind: 'equity-fraction', fraction: 0.8 } },
  { leverage: 2, maintenanceMargin: 0.2, instrument: { lotSize: 1, tickSize: 0.01 } },
];

describe('quiet bars', () => {
  it('skipping them (one symbol) gives the ledgers and curves of visiting every bar', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: variants.length - 1 }), fc.constantFrom(0.002, 0.02, 0.2), (seed, variant, density) => {
        const symbol = sparseSymbol(seed, 'Q', 400, density);
        const skipped = simulate({ symbols: [symbol] }, variants[variant]);
        const visited = simulate({ symbols: [everyBar(symbol)] }, variants[variant]);
        expect(everything(skipped)).toEqual(everything(visited));
      }),
      { numRuns: 60 },
    );
  });

  it('skipping them (aligned symbols, one portfolio) gives the ledgers and curves of visiting every step', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: variants.length - 1 }), fc.constantFrom(0.005, 0.05), (seed, variant, density) => {
        const symbols = ['A', 'B', 'C'].map((name) => sparseSymbol(seed, name, 300, density));
        const options = { ...variants[variant], sizing: { kind: 'equity-fraction', fraction: 0.3 } } as const;
        const skipped = simulate({ symbols }, options);
        const visited = simulate({ symbols: [...symbols.slice(0, 2), everyBar(symbols[2])] }, options);
        expect(everything(skipped)).toEqual(everything(visited));
      }),
      { numRuns: 40 },
    );
  });

  it('a run without signals is flat: its curves are the initial cash at every bar', () => {
    const bars = randomWalkBars(1_000, 3);
    const result = simulate({ symbols: [{ bars, longEntries: new Uint8Array(1_000) }] }, { initialCash: 5_000 });
    expect(Array.from(new Set(result.curve.equity))).toEqual([5_000]);
    expect(Array.from(new Set(result.cashCurve))).toEqual([5_000]);
    expect(Array.from(new Set(result.curve.exposure))).toEqual([0]);
    expect(result.equity).toBe(5_000);
  });

  it('the last equity point is the final equity, and the curves are the same objects on every read', () => {
    const symbol = sparseSymbol(9, 'Q', 500, 0.03);
    const result = simulate({ symbols: [symbol] }, { fees: { rate: 0.001 } });
    expect(result.curve.equity[499]).toBe(result.equity);
    expect(result.curve).toBe(result.curve);
    expect(result.cashCurve).toBe(result.cashCurve);
    expect(result.trades).toBe(result.trades);
  });
});
