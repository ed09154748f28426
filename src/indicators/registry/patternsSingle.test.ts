import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { gappedWalkBars } from '../../../test/talibPatternCheck.js';
import type { ComputeContext, InputName } from './IndicatorDefinition.js';
import { patternSingleDefinitions } from './patternsSingle.js';
import { resolveParameters } from './resolveParameters.js';

const bars = gappedWalkBars(20_000, 9);
const context: ComputeContext = {
  length: bars.length,
  input: (name: InputName) => bars[name],
  shared: (_key, compute) => compute(),
};

describe('patternSingleDefinitions', () => {
  it('registers the 22 TA-Lib patterns of part 1 and the two tweezers, lower case, group pattern, OHLC inputs', () => {
    expect(patternSingleDefinitions.map((d) => d.name)).toEqual([
      'cdldoji',
      'cdldragonflydoji',
      'cdlgravestonedoji',
      'cdllongleggeddoji',
      'cdlhammer',
      'cdlinvertedhammer',
      'cdlhangingman',
      'cdlshootingstar',
      'cdlengulfing',
      'cdlharami',
      'cdlharamicross',
      'cdlpiercing',
      'cdldarkcloudcover',
      'cdlmarubozu',
      'cdlspinningtop',
      'cdlkicking',
      'cdlbelthold',
      'cdlonneck',
      'cdlinneck',
      'cdlthrusting',
      'cdlhomingpigeon',
      'cdlmatchinglow',
      'tweezertop',
      'tweezerbottom',
    ]);
    for (const definition of patternSingleDefinitions) {
      expect(definition.group).toBe('pattern');
      expect(definition.inputs).toEqual(['open', 'high', 'low', 'close']);
      expect(definition.outputs).toEqual([definition.name]);
    }
  });

  it('computes one output of the input length, NaN exactly during the lookback, then -100..100', () => {
    for (const definition of patternSingleDefinitions) {
      const parameters = resolveParameters(definition);
      const lookback = definition.lookback(parameters);
      const [output] = definition.compute(context, parameters);
      expect(output.length, definition.name).toBe(bars.length);
      expect(Array.from(output.subarray(0, lookback)).every(Number.isNaN), definition.name).toBe(true);
      let invalid = 0;
      let signals = 0;
      for (let i = lookback; i < output.length; i++) {
        const value = output[i];
        if (value !== 0 && value !== 100 && value !== -100 && value !== 80 && value !== -80) invalid++;
        if (value !== 0) signals++;
      }
      expect(invalid, `${definition.name}: values other than 0, ±80, ±100`).toBe(0);
      // Kicking (two opposite marubozu across a gap) is too rare for this walk; its own tests build one.
      if (definition.name !== 'cdlkicking') expect(signals, `${definition.name} signals on a 20,000-bar walk`).toBeGreaterThan(0);
    }
  });

  it('takes penetration 0..1 for dark cloud cover and rejects other values, naming the range', () => {
    const definition = patternSingleDefinitions.find((d) => d.name === 'cdldarkcloudcover')!;
    expect(resolveParameters(definition)).toEqual({ penetration: 0.5 });
    const deep = definition.compute(context, resolveParameters(definition, { penetration: 0.9 }))[0];
    const shallow = definition.compute(context, resolveParameters(definition, { penetration: 0.1 }))[0];
    let deepCount = 0;
    let shallowCount = 0;
    for (let i = 0; i < bars.length; i++) {
      if (deep[i] === -100) deepCount++;
      if (shallow[i] === -100) shallowCount++;
      if (deep[i] === -100) expect(shallow[i]).toBe(-100); // a deeper close also passes a shallower test
    }
    expect(shallowCount).toBeGreaterThan(deepCount);
    try {
      resolveParameters(definition, { penetration: 1.5 });
      expect.unreachable();
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
      expect((error as Error).message).toContain('penetration');
    }
  });
});
