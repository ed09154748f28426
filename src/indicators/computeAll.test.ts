import { describe, expect, it } from 'vitest';
import { randomWalkBars } from '../../test/randomWalk.js';
import { isTickforgeError } from '../core/errors.js';
import { computeAll, resolvePlan } from './computeAll.js';
import { ema } from './trend/ema.js';
import { sma } from './trend/sma.js';

const bars = randomWalkBars(500, 21);

describe('computeAll', () => {
  it('names columns by indicator and non-default parameters, in plan order, equal to the kernels', () => {
    const columns = computeAll(bars, [{ name: 'sma', parameters: { period: 20 } }, { name: 'ema' }, { name: 'EMA', parameters: { period: 12, seed: 'first' }, as: 'fast' }]);
    expect([...columns.keys()]).toEqual(['sma_20', 'ema', 'fast']);
    expect(Array.from(columns.get('sma_20')!)).toEqual(Array.from(sma(bars.close, 20)));
    expect(Array.from(columns.get('ema')!)).toEqual(Array.from(ema(bars.close, 30)));
    expect(Array.from(columns.get('fast')!)).toEqual(Array.from(ema(bars.close, 12, undefined, 'first')));
  });

  it('computes a shared intermediate once for every indicator that needs it', () => {
    const columns = computeAll(bars, [{ name: 'sma', parameters: { period: 20 }, as: 'a' }, { name: 'sma', parameters: { period: 20 }, as: 'b' }]);
    expect(columns.get('a'), 'one array, computed once').toBe(columns.get('b'));
  });

  it('validates the whole plan before computing: unknown names, bad parameters, clashing columns', () => {
    const failure = (plan: Parameters<typeof resolvePlan>[0]) => {
      try {
        resolvePlan(plan);
      } catch (error) {
        if (isTickforgeError(error)) return error;
      }
      throw new Error('expected a TickforgeError');
    };
    expect(failure([{ name: 'smaa' }]).message).toContain('Closest: sma');
    expect(failure([{ name: 'sma', parameters: { perod: 3 } }]).message).toContain('unknown parameter "perod"; its parameters are: period');
    expect(failure([{ name: 'ema', parameters: { seed: 'last' } }]).message).toContain('seed must be one of sma, first, got "last"');
    expect(failure([{ name: 'sma' }, { name: 'sma' }]).message).toContain('the column "sma" twice');
  });
});

describe('defaultIndicatorPlan', () => {
  it('resolves against the registry and computes every column over a series', async () => {
    const { defaultIndicatorPlan } = await import('./defaultIndicatorPlan.js');
    const plan = resolvePlan(defaultIndicatorPlan);
    const columns = computeAll(bars, plan);
    expect([...columns.keys()]).toEqual(plan.columns);
    for (const [name, column] of columns) expect(column.some(Number.isFinite), name).toBe(true);
  });
});

describe('computeAll with a shared memo', () => {
  it('computes each distinct entry once across calls (a sweep grid), and the columns equal a fresh run', () => {
    const bars = randomWalkBars(300, 9);
    const memo = new Map<string, Float64Array | Float64Array[]>();
    const first = computeAll(bars, [{ name: 'sma', parameters: { period: 5 }, as: 'fast' }, { name: 'sma', parameters: { period: 20 }, as: 'slow' }], { memo });
    const second = computeAll(bars, [{ name: 'sma', parameters: { period: 5 }, as: 'fast' }, { name: 'sma', parameters: { period: 30 }, as: 'slow' }], { memo });
    expect(second.get('fast')).toBe(first.get('fast'));
    expect(second.get('slow')).not.toBe(first.get('slow'));
    expect([...memo.keys()].filter((key) => key.startsWith('entry:'))).toEqual(['entry:sma:{"period":5}', 'entry:sma:{"period":20}', 'entry:sma:{"period":30}']);
    expect(second.get('slow')).toEqual(computeAll(bars, [{ name: 'sma', parameters: { period: 30 }, as: 'x' }]).get('x'));
  });
});
