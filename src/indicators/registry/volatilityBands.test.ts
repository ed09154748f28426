import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { testRegistryEntries } from '../../../test/registryEntryChecks.js';
import { keltner } from '../volatility/keltner.js';
import type { ComputeContext } from './IndicatorDefinition.js';
import { resolveParameters } from './resolveParameters.js';
import { volatilityBandDefinitions } from './volatilityBands.js';

testRegistryEntries(volatilityBandDefinitions, {
  stddev: [{ period: 20, nbDev: 2 }],
  var: [{ period: 1 }],
  bbands: [{ period: 20, maType: 'ema' }, { maType: 'kama', nbDevDn: 1 }],
  keltner: [{ period: 5, atrPeriod: 14, multiplier: 1.5 }],
  donchian: [{ period: 55 }],
  volatility: [{ estimator: 'parkinson' }, { estimator: 'garmanklass' }, { estimator: 'rogerssatchell' }, { estimator: 'yangzhang', period: 10, annualization: 365 }],
});

describe('volatility band registry', () => {
  const find = (name: string) => volatilityBandDefinitions.find((d) => d.name === name)!;

  it('registers the band and deviation indicators by name, with the documented outputs', () => {
    expect(volatilityBandDefinitions.map((d) => d.name)).toEqual(['stddev', 'var', 'bbands', 'keltner', 'donchian', 'volatility']);
    expect(find('bbands').outputs).toEqual(['upper', 'middle', 'lower', 'percentb', 'bandwidth']);
  });

  it('computes Keltner from shared EMA and ATR when no bar is missing, and directly when one is', () => {
    const bars = randomWalkBars(300, 5);
    const keys: string[] = [];
    const memo = new Map<string, Float64Array>();
    const contextFor = (high: Float64Array): ComputeContext => ({
      length: bars.length,
      input: (name) => (name === 'high' ? high : bars[name]),
      shared: (key, compute) => {
        keys.push(key);
        if (!memo.has(key)) memo.set(key, compute());
        return memo.get(key)!;
      },
    });
    const parameters = resolveParameters(find('keltner'));
    const [upper, middle, lower] = find('keltner').compute(contextFor(bars.high), parameters);
    expect(keys).toEqual(['ema:close:20:seed-sma', 'atr:10']);
    const direct = keltner(bars.high, bars.low, bars.close);
    expect([upper, middle, lower]).toEqual([direct.upper, direct.middle, direct.lower]);
    // The shared EMA itself is left untouched (the middle line is a copy with the warm-up cleared).
    expect(Number.isFinite(memo.get('ema:close:20:seed-sma')![19])).toBe(true);
    const damaged = bars.high.slice();
    damaged[100] = NaN;
    const withHole = find('keltner').compute(contextFor(damaged), parameters);
    const expected = keltner(damaged, bars.low, bars.close);
    expect(withHole).toEqual([expected.upper, expected.middle, expected.lower]);
  });

  it('validates parameters eagerly, naming the choices and ranges', () => {
    for (const [name, given, text] of [
      ['bbands', { maType: 'mama' }, 'bbands: maType must be one of sma, ema, wma, dema, tema, trima, kama, t3, got "mama"'],
      ['volatility', { estimator: 'garch' }, 'volatility: estimator must be one of closetoclose, parkinson, garmanklass, rogerssatchell, yangzhang'],
      ['volatility', { annualization: 0 }, 'volatility: annualization must be a number from 1 to 100000000, got 0'],
      ['stddev', { period: 1 }, 'stddev: period must be a whole number from 2 to 100000, got 1'],
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
