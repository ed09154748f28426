import { describe, expect, it } from 'vitest';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { runStrategy } from '../../strategy/runStrategy.js';
import type { Signal, SignalFields } from '../../strategy/Signal.js';
import { builtInStrategies } from '../../strategy/strategyRegistry.js';
import type { SimulationOptions } from '../simulator/BacktestOptions.js';
import { simulate } from '../simulator/simulate.js';
import type { Trade } from '../Trade.js';
import { signalArrays } from './signalArrays.js';
import { windowSignals } from './windowSignals.js';

const signal = (index: number, fields: Partial<SignalFields> & Pick<SignalFields, 'kind' | 'side'>): Signal => ({ strategy: 's', symbol: 'X', index, time: index * 1000, reason: `${fields.kind} ${fields.side}`, ...fields });

describe('signalArrays', () => {
  it('marks plain signals, a reversal included, bar by bar', () => {
    const arrays = signalArrays([signal(1, { kind: 'entry', side: 'long' }), signal(3, { kind: 'exit', side: 'long' }), signal(3, { kind: 'entry', side: 'short' }), signal(4, { kind: 'exit', side: 'short', size: 1 })], 5)!;
    expect([...arrays.longEntries]).toEqual([0, 1, 0, 0, 0]);
    expect([...arrays.longExits]).toEqual([0, 0, 0, 1, 0]);
    expect([...arrays.shortEntries]).toEqual([0, 0, 0, 1, 0]);
    expect([...arrays.shortExits]).toEqual([0, 0, 0, 0, 1]);
  });

  it('refuses what the arrays cannot say: sizes, stops, targets, repeats and pairs the array rules cancel', () => {
    expect(signalArrays([signal(1, { kind: 'entry', side: 'long', size: 0.5 })], 3)).toBeUndefined();
    expect(signalArrays([signal(1, { kind: 'entry', side: 'long', stopLoss: 90 })], 3)).toBeUndefined();
    expect(signalArrays([signal(1, { kind: 'entry', side: 'long', targets: [120] })], 3)).toBeUndefined();
    expect(signalArrays([signal(1, { kind: 'entry', side: 'long', trailingStop: 2 })], 3)).toBeUndefined();
    expect(signalArrays([signal(1, { kind: 'entry', side: 'long' }), signal(1, { kind: 'entry', side: 'long' })], 3)).toBeUndefined();
    expect(signalArrays([signal(1, { kind: 'exit', side: 'long' }), signal(1, { kind: 'entry', side: 'long' })], 3)).toBeUndefined();
    expect(signalArrays([signal(1, { kind: 'entry', side: 'long' }), signal(1, { kind: 'entry', side: 'short' })], 3)).toBeUndefined();
  });

  const withoutTag = (trades: readonly Trade[]) => trades.map(({ tag: _tag, ...rest }) => rest);
  const optionSets: SimulationOptions[] = [
    { fees: { rate: 0.001 }, slippage: { bps: 5 } },
    { fees: { rate: 0.0005, fixed: 1 }, sizing: { kind: 'cash', cash: 20_000 } },
    { fillAt: 'close', slippage: { rangeFraction: 0.1 } },
    { leverage: 2, sizing: { kind: 'equity-fraction', fraction: 1.5 } },
  ];

  it('gives the ledger of the router path for every built-in strategy whose signals it can express', () => {
    let expressed = 0;
    for (const strategy of builtInStrategies) {
      const both: Record<string, string> = strategy.parameters.some((parameter) => parameter.name === 'direction') ? { direction: 'both' } : {};
      for (const seed of [1, 2, 3]) {
        const bars = randomWalkBars(900, seed);
        const signals = runStrategy(strategy, bars, both);
        const arrays = signalArrays(signals, bars.length);
        if (arrays === undefined) continue;
        expressed++;
        for (const options of optionSets) {
          const viaArrays = simulate({ symbols: [{ bars, ...arrays }] }, { ...options, strategy: strategy.name });
          const viaRouter = simulate({ symbols: [{ bars }], signals }, options);
          const where = `${strategy.name} seed ${seed} ${JSON.stringify(options)}`;
          expect(withoutTag(viaArrays.trades), where).toEqual(withoutTag(viaRouter.trades));
          expect(viaArrays.curve.equity, where).toEqual(viaRouter.curve.equity);
          expect(viaArrays.curve.exposure, where).toEqual(viaRouter.curve.exposure);
        }
      }
    }
    // Most built-ins emit plain signals; the ones with stops and targets keep the router.
    expect(expressed).toBeGreaterThanOrEqual(12);
  });
});

describe('windowSignals', () => {
  it('opens the account with the position held at the close of the first bar, then the later signals, re-indexed', () => {
    const signals = [signal(1, { kind: 'entry', side: 'long', stopLoss: 90, tag: 'cross' }), signal(6, { kind: 'exit', side: 'long' })];
    expect(windowSignals(signals, 4, 4000)).toEqual([
      { ...signals[0], index: 0, time: 4000, reason: "held at the window's start: entry long" },
      { ...signals[1], index: 2 },
    ]);
  });

  it('follows exits, partial exits and reversals before the window', () => {
    const flat = [signal(1, { kind: 'entry', side: 'long' }), signal(3, { kind: 'exit', side: 'long' }), signal(7, { kind: 'entry', side: 'short' })];
    expect(windowSignals(flat, 4, 4000)).toEqual([{ ...flat[2], index: 3 }]);
    const partial = [signal(1, { kind: 'entry', side: 'long', size: 0.8 }), signal(2, { kind: 'exit', side: 'long', size: 0.5 }), signal(3, { kind: 'exit', side: 'short' })];
    expect(windowSignals(partial, 4, 4000)).toEqual([{ ...partial[0], size: 0.4, index: 0, time: 4000, reason: "held at the window's start: entry long" }]);
    const reversed = [signal(1, { kind: 'entry', side: 'long' }), signal(4, { kind: 'exit', side: 'long' }), signal(4, { kind: 'entry', side: 'short' })];
    expect(windowSignals(reversed, 4, 4000)).toEqual([{ ...reversed[2], index: 0, time: 4000, reason: "held at the window's start: entry short" }]);
  });
});
