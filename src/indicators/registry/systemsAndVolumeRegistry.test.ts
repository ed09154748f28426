import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { expectEntryComputesAndStreams, registryContextOver } from '../../../test/registryEntryChecks.js';
import type { ComputeContext, IndicatorDefinition } from './IndicatorDefinition.js';
import { resolveParameters } from './resolveParameters.js';
import { trendSystemDefinitions } from './trendSystems.js';
import { volumeDefinitions } from './volume.js';

const bars = randomWalkBars(300, 17);

const contextFor = (computed: string[]): ComputeContext => registryContextOver(bars, computed);

const definitions: IndicatorDefinition[] = [...trendSystemDefinitions, ...volumeDefinitions];

describe('trend system and volume registry entries', () => {
  it('register exactly the expected names', () => {
    expect(trendSystemDefinitions.map((d) => d.name)).toEqual(['vwap', 'sessionvwap', 'sar', 'supertrend', 'ichimoku']);
    expect(volumeDefinitions.map((d) => d.name)).toEqual(['obv', 'ad', 'adosc', 'cmf', 'force', 'emv']);
  });

  it.each(definitions.map((d) => [d.name, d] as const))('%s: compute has the declared outputs and lookback, and its stream agrees', (_name, definition) => {
    expectEntryComputesAndStreams(definition, resolveParameters(definition), bars);
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
