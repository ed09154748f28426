import { describe, expect, it } from 'vitest';
import { randomCandles, talibPattern, firstDifference } from '../../../test/talibPatternCheck.js';
import { talibAvailable } from '../../../test/talibReference.js';
import type { ComputeContext, InputName } from './IndicatorDefinition.js';
import { patternMultiDefinitions } from './patternsMulti.js';
import { resolveParameters } from './resolveParameters.js';

const candles = randomCandles(2_000, 5);

function contextOf(inputs: Partial<Record<InputName, Float64Array>>): ComputeContext {
  return {
    length: candles.close.length,
    input: (name) => inputs[name]!,
    shared: (_key, compute) => compute(),
  };
}

describe('patternMultiDefinitions', () => {
  it('registers the 17 multi-candle patterns under TA-Lib names in lower case, as OHLC patterns with one output', () => {
    expect(patternMultiDefinitions.map((d) => d.name)).toEqual([
      'cdlmorningstar', 'cdleveningstar', 'cdlmorningdojistar', 'cdleveningdojistar', 'cdldojistar', 'cdl3whitesoldiers',
      'cdl3blackcrows', 'cdl3inside', 'cdl3outside', 'cdlabandonedbaby', 'cdlrisefall3methods', 'cdltasukigap',
      'cdl3linestrike', 'cdltristar', 'cdlupsidegap2crows', 'cdlidentical3crows', 'cdladvanceblock',
    ]);
    for (const definition of patternMultiDefinitions) {
      expect(definition.group).toBe('pattern');
      expect(definition.inputs).toEqual(['open', 'high', 'low', 'close']);
      expect(definition.outputs).toEqual([definition.name]);
    }
  });

  it('gives the star and abandoned-baby patterns a penetration of 0.3 in 0..1, and rejects one outside', () => {
    const withPenetration = patternMultiDefinitions.filter((d) => d.parameters.length > 0).map((d) => d.name);
    expect(withPenetration).toEqual(['cdlmorningstar', 'cdleveningstar', 'cdlmorningdojistar', 'cdleveningdojistar', 'cdlabandonedbaby']);
    for (const definition of patternMultiDefinitions) {
      if (definition.parameters.length === 0) continue;
      expect(resolveParameters(definition)).toEqual({ penetration: 0.3 });
      expect(() => resolveParameters(definition, { penetration: 1.2 })).toThrow(
        expect.objectContaining({ code: 'TF_ERR_INDICATOR_PARAMETER', message: expect.stringContaining('penetration must be a number from 0 to 1') }),
      );
    }
  });

  it.skipIf(!talibAvailable)('computes what TA-Lib computes, with TA-Lib lookbacks, through the registry', () => {
    const context = contextOf(candles);
    for (const definition of patternMultiDefinitions) {
      const parameters = resolveParameters(definition, definition.parameters.length > 0 ? { penetration: 0.5 } : {});
      const [output] = definition.compute(context, parameters);
      const expected = talibPattern(definition.name.toUpperCase(), candles, definition.parameters.length > 0 ? { optInPenetration: 0.5 } : {});
      expect(firstDifference(output, expected), definition.name).toBe(-1);
      const lookback = definition.lookback(parameters);
      expect(Number.isNaN(output[lookback - 1]) && !Number.isNaN(output[lookback]), `${definition.name} lookback ${lookback}`).toBe(true);
    }
  });
});
