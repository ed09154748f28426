import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { registryContextOver, testRegistryEntries } from '../../../test/registryEntryChecks.js';
import { sma } from '../trend/sma.js';
import { resolveParameters } from './resolveParameters.js';
import { rollingDefinitions } from './rolling.js';

testRegistryEntries(rollingDefinitions, {
  min: [{ period: 2 }],
  maxindex: [{ period: 7 }],
  quantile: [{ period: 10, q: 0.05 }, { period: 1, q: 1 }],
  correl: [{ period: 1 }],
  beta: [{ period: 20 }],
});

const bars = randomWalkBars(500, 41);

describe('rolling registry', () => {
  const find = (name: string) => rollingDefinitions.find((d) => d.name === name)!;

  it('registers the rolling utilities by name', () => {
    expect(rollingDefinitions.map((d) => d.name)).toEqual(['min', 'max', 'minmax', 'minindex', 'maxindex', 'minmaxindex', 'sum', 'mean', 'median', 'quantile', 'zscore', 'correl', 'beta']);
  });

  it('shares the rolling extremes between MIN, MAX, MINMAX and the index functions, and the mean with SMA', () => {
    const computed: string[] = [];
    const context = registryContextOver(bars, computed);
    for (const name of ['min', 'max', 'minmax', 'minindex', 'maxindex', 'minmaxindex', 'mean']) find(name).compute(context, resolveParameters(find(name)));
    expect(computed).toEqual(['min:close:30', 'max:close:30', 'minindex:close:30', 'maxindex:close:30', 'sma:close:30']);
    expect(find('mean').compute(registryContextOver(bars), resolveParameters(find('mean')))[0]).toEqual(sma(bars.close, 30));
  });

  it('validates parameters eagerly, naming the range', () => {
    for (const [name, given, text] of [
      ['quantile', { q: 2 }, 'quantile: q must be a number from 0 to 1, got 2'],
      ['min', { period: 1 }, 'min: period must be a whole number from 2 to 100000, got 1'],
      ['beta', { period: 0 }, 'beta: period must be a whole number from 1 to 100000, got 0'],
    ] as const) {
      try {
        resolveParameters(find(name), given);
        expect.unreachable();
      } catch (error) {
        expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
        expect((error as Error).message).toContain(text);
      }
    }
  });
});
