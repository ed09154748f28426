import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import type { ComputeContext, IndicatorDefinition } from './IndicatorDefinition.js';
import { resolveParameters } from './resolveParameters.js';
import { trendSystemDefinitions } from './trendSystems.js';
import { volumeDefinitions } from './volume.js';

const bars = randomWalkBars(300, 17);

function contextFor(computed: string[]): ComputeContext {
  const memo = new Map<string, Float64Array>();
  return {
    length: bars.length,
    input: (name) => bars[name],
    shared(key, compute) {
      let value = memo.get(key);
      if (value === undefined) {
        computed.push(key);
        value = compute();
        memo.set(key, value);
      }
      return value;
    },
  };
}

const definitions: IndicatorDefinition[] = [...trendSystemDefinitions, ...volumeDefinitions];

describe('trend system and volume registry entries', () => {
  it('register exactly the expected names', () => {
    expect(trendSystemDefinitions.map((d) => d.name)).toEqual(['vwap', 'sessionvwap', 'sar', 'supertrend', 'ichimoku']);
    expect(volumeDefinitions.map((d) => d.name)).toEqual(['obv', 'ad', 'adosc', 'cmf', 'force', 'emv']);
  });

  it.each(definitions.map((d) => [d.name, d] as const))('%s: compute has the declared outputs and lookback, and its stream agrees', (_name, definition) => {
    const parameters = resolveParameters(definition);
    const lookback = definition.lookback(parameters);
    const outputs = definition.compute(contextFor([]), parameters);
    expect(outputs).toHaveLength(definition.outputs.length);
    for (const output of outputs) {
      expect(output).toHaveLength(bars.length);
      for (let i = 0; i < lookback; i++) expect(output[i]).toBeNaN();
      expect(Number.isFinite(output[lookback])).toBe(true);
    }
    const stream = definition.createStream!(parameters) as unknown as { update(...values: number[]): number; value: number };
    for (let i = 0; i < bars.length; i++) {
      stream.update(...definition.inputs.map((name) => bars[name][i]));
      const expected = outputs[0][i];
      if (Number.isNaN(expected)) expect(stream.value).toBeNaN();
      else expect(Math.abs(stream.value - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
    }
  });

  it('AD and ADOSC share one A/D line; SuperTrend shares its ATR by period', () => {
    const computed: string[] = [];
    const context = contextFor(computed);
    const [adDefinition, adoscDefinition] = ['ad', 'adosc'].map((name) => volumeDefinitions.find((d) => d.name === name)!);
    adDefinition.compute(context, resolveParameters(adDefinition));
    adoscDefinition.compute(context, resolveParameters(adoscDefinition));
    const supertrendDefinition = trendSystemDefinitions.find((d) => d.name === 'supertrend')!;
    supertrendDefinition.compute(context, resolveParameters(supertrendDefinition, { multiplier: 2 }));
    supertrendDefinition.compute(context, resolveParameters(supertrendDefinition, { multiplier: 3 }));
    expect(computed).toEqual(['ad:hlcv', 'atr:10']);
  });

  it('validates parameters eagerly, naming the range', () => {
    const sessionVwap = trendSystemDefinitions.find((d) => d.name === 'sessionvwap')!;
    try {
      resolveParameters(sessionVwap, { sessionStartMinutes: 1440 });
      expect.unreachable();
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
      expect((error as Error).message).toContain('sessionvwap: sessionStartMinutes must be a whole number from 0 to 1439, got 1440');
    }
    const adosc = volumeDefinitions.find((d) => d.name === 'adosc')!;
    expect(() => resolveParameters(adosc, { fastPeriod: 1 })).toThrow(/adosc: fastPeriod must be a whole number from 2 to 100000/);
  });
});
