import { describe, expect, it } from 'vitest';
import type { Bars } from '../../core/Bars.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { adxr } from '../momentum/adxr.js';
import { natr } from '../volatility/natr.js';
import type { ComputeContext, IndicatorDefinition, InputName } from './IndicatorDefinition.js';
import { momentumDirectionalDefinitions } from './momentumDirectional.js';
import { resolveParameters } from './resolveParameters.js';
import { volatilityRangeDefinitions } from './volatilityRanges.js';

/** A ComputeContext over one Bars with a memo that records which keys were computed. */
function contextOf(bars: Bars): ComputeContext & { computed: string[] } {
  const memo = new Map<string, Float64Array>();
  const computed: string[] = [];
  return {
    length: bars.length,
    computed,
    input: (name: InputName) => bars[name],
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

const definitions: IndicatorDefinition[] = [...momentumDirectionalDefinitions, ...volatilityRangeDefinitions];

describe('directional, range and true-range registry entries', () => {
  const bars = randomWalkBars(300, 41);

  it('registers every name once, lower case', () => {
    const names = definitions.map((definition) => definition.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual(
      ['adx', 'adxr', 'aroon', 'aroonosc', 'atr', 'bop', 'cci', 'dx', 'mfi', 'minus_di', 'minus_dm', 'natr', 'plus_di', 'plus_dm', 'trange', 'ultosc', 'willr'].sort(),
    );
  });

  for (const definition of definitions) {
    it(`${definition.name}: compute has the declared outputs and lookback, and equals its stream`, () => {
      const parameters = resolveParameters(definition);
      const outputs = definition.compute(contextOf(bars), parameters);
      const lookback = definition.lookback(parameters);
      expect(outputs).toHaveLength(definition.outputs.length);
      const stream = definition.createStream!(parameters);
      expect(stream.lookback).toBe(lookback);
      const update = (stream as unknown as { update: (...values: number[]) => number }).update.bind(stream);
      for (let i = 0; i < bars.length; i++) {
        update(...definition.inputs.map((name) => bars[name][i]));
        const first = outputs[0][i];
        if (i < lookback) expect(first, `warm-up ${i}`).toBeNaN();
        else expect(Math.abs(stream.value - first), `bar ${i}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(first)));
      }
    });
  }

  it('shares one ADX between ADX and ADXR, and one ATR between ATR and NATR', () => {
    const context = contextOf(bars);
    for (const name of ['adx', 'adxr', 'atr', 'natr']) {
      const definition = definitions.find((d) => d.name === name)!;
      definition.compute(context, resolveParameters(definition));
    }
    expect(context.computed).toEqual(['adx:14', 'atr:14']);
  });

  it('ADXR and NATR from the shared series equal their batch kernels on bars with missing values', () => {
    const damaged = randomWalkBars(300, 42);
    for (const row of [3, 40, 41, 200]) damaged.close[row] = NaN;
    damaged.high[120] = NaN;
    const context = contextOf(damaged);
    const adxrDefinition = definitions.find((d) => d.name === 'adxr')!;
    const [fromRegistry] = adxrDefinition.compute(context, { period: 5 });
    const direct = adxr(damaged.high, damaged.low, damaged.close, 5);
    expect(Array.from(fromRegistry)).toEqual(Array.from(direct));
    const natrDefinition = definitions.find((d) => d.name === 'natr')!;
    expect(Array.from(natrDefinition.compute(context, { period: 5 })[0])).toEqual(Array.from(natr(damaged.high, damaged.low, damaged.close, 5)));
  });
});
