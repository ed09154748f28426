import { describe, expect, it } from 'vitest';
import { randomWalkBars } from '../../test/randomWalk.js';
import { isTickforgeError } from '../core/errors.js';
import { computeAll } from '../indicators/computeAll.js';
import { computeUniverse } from './computeUniverse.js';

const universe = Array.from({ length: 12 }, (_, i) => randomWalkBars(300 + i * 17, 100 + i, `S${String(i).padStart(2, '0')}`));
const plan = [{ name: 'sma', parameters: { period: 20 } }, { name: 'ema', parameters: { period: 12 } }, { name: 'ema', parameters: { period: 26 } }];

describe('computeUniverse', () => {
  it('on worker threads gives exactly the single-thread results, in input order, leaving the inputs usable', async () => {
    const progress: number[] = [];
    const results = await computeUniverse(universe, { plan, threads: 2, onProgress: (done) => progress.push(done) });
    expect(results.map((r) => r.symbol)).toEqual(universe.map((bars) => bars.symbol));
    results.forEach((result, index) => {
      const expected = computeAll(universe[index], plan);
      expect([...result.columns.keys()]).toEqual(['sma_20', 'ema_12', 'ema_26']);
      for (const [name, column] of expected) expect(Array.from(result.columns.get(name)!), `${result.symbol} ${name}`).toEqual(Array.from(column));
    });
    expect(progress[progress.length - 1]).toBe(universe.length);
    expect([...progress].sort((a, b) => a - b), 'progress only grows').toEqual(progress);
    expect(universe[0].close.length, 'the caller keeps its bars').toBe(300);
  });

  it('runs on this thread with threads: 0, with the same results', async () => {
    const inline = await computeUniverse(universe.slice(0, 3), { plan, threads: 0 });
    expect(Array.from(inline[2].columns.get('ema_26')!)).toEqual(Array.from(computeAll(universe[2], plan).get('ema_26')!));
  });

  it('rejects a bad plan before starting any worker', async () => {
    const error = await computeUniverse(universe, { plan: [{ name: 'sma', parameters: { period: -3 } }] }).catch((e: unknown) => e);
    expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
  });
});

describe('computeUniverse threads: auto', () => {
  it('stays on this thread for a small universe and gives the same results', async () => {
    const results = await computeUniverse(universe.slice(0, 2), { plan });
    expect(Array.from(results[1].columns.get('sma_20')!)).toEqual(Array.from(computeAll(universe[1], plan).get('sma_20')!));
  });
});
