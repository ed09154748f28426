import { describe, expect, it } from 'vitest';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { expectEntryComputesAndStreams, registryContextOver } from '../../../test/registryEntryChecks.js';
import { movingAverage, movingAverageTypes } from '../trend/movingAverage.js';
import type { ComputeContext, IndicatorDefinition, ParameterValues } from './IndicatorDefinition.js';
import { resolveParameters } from './resolveParameters.js';
import { movingAverageKey } from './sharedMovingAverage.js';
import { trendAverageDefinitions } from './trendAverages.js';

const bars = randomWalkBars(300, 23);

const contextFor = (computed: string[]): ComputeContext => registryContextOver(bars, computed);

function find(name: string): IndicatorDefinition {
  return trendAverageDefinitions.find((definition) => definition.name === name)!;
}

function expectStreamEqualsBatch(definition: IndicatorDefinition, parameters: ParameterValues): void {
  expectEntryComputesAndStreams(definition, parameters, bars);
}

describe('trend average registry entries', () => {
  it('register exactly the expected names', () => {
    expect(trendAverageDefinitions.map((d) => d.name)).toEqual(['sma', 'ema', 'wma', 'dema', 'tema', 'trima', 'kama', 't3', 'hma', 'zlema', 'vwma', 'linearreg', 'ma']);
    expect(find('linearreg').outputs).toEqual(['value', 'slope', 'angle', 'intercept', 'forecast']);
  });

  it.each(trendAverageDefinitions.map((d) => [d.name, d] as const))('%s: compute with non-default parameters has the declared lookback and its stream agrees', (_name, definition) => {
    const given: Record<string, number | string> = {};
    if (definition.parameters.some((p) => p.name === 'period')) given.period = 7;
    if (definition.name === 't3') given.vFactor = 0.5;
    expectStreamEqualsBatch(definition, resolveParameters(definition, given));
  });

  it.each(movingAverageTypes.map((type) => [type]))('ma type=%s computes, streams and looks back like the dispatcher', (type) => {
    const definition = find('ma');
    const parameters = resolveParameters(definition, { period: 9, type: type.toUpperCase() });
    expect(parameters.type).toBe(type);
    expect(Array.from(definition.compute(contextFor([]), parameters)[0])).toEqual(Array.from(movingAverage(bars.close, 9, type)));
    expectStreamEqualsBatch(definition, parameters);
  });

  it('shares one computation between ma and the named average, with the keys sma and ema already use', () => {
    const computed: string[] = [];
    const context = contextFor(computed);
    find('ema').compute(context, resolveParameters(find('ema'), { period: 12 }));
    find('ma').compute(context, resolveParameters(find('ma'), { period: 12, type: 'ema' }));
    find('dema').compute(context, resolveParameters(find('dema'), { period: 12 }));
    find('ma').compute(context, resolveParameters(find('ma'), { period: 12, type: 'dema' }));
    find('sma').compute(context, resolveParameters(find('sma'), { period: 1 }));
    find('ma').compute(context, resolveParameters(find('ma'), { period: 1, type: 'kama' }));
    expect(computed).toEqual(['ema:close:12:seed-sma', 'dema:close:12', 'sma:close:1']);
    expect(movingAverageKey('high', 5, 't3')).toBe('t3:high:5:vfactor-0.7');
  });

  it('rejects an MA type it does not offer, naming the choices', () => {
    expect(() => resolveParameters(find('ma'), { type: 'mama' })).toThrow(/ma: type must be one of sma, ema, wma, dema, tema, trima, kama, t3, got "mama"/);
  });
});
