import { describe, expect, it } from 'vitest';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { expectEntryComputesAndStreams, registryContextOver } from '../../../test/registryEntryChecks.js';
import { apo } from '../momentum/apo.js';
import { macd } from '../momentum/macd.js';
import { ppo } from '../momentum/ppo.js';
import { stoch } from '../momentum/stoch.js';
import type { ComputeContext, IndicatorDefinition, ParameterValues } from './IndicatorDefinition.js';
import { momentumOscillatorDefinitions } from './momentumOscillators.js';
import { resolveParameters } from './resolveParameters.js';

const bars = randomWalkBars(400, 29);

const contextFor = (computed: string[], source = bars): ComputeContext => registryContextOver(source, computed);

function find(name: string): IndicatorDefinition {
  return momentumOscillatorDefinitions.find((definition) => definition.name === name)!;
}

/** The extra outputs of each multi-output stream, by registry output name. */
const streamFields: Record<string, string> = { slowd: 'slowD', fastd: 'fastD', signal: 'signal', histogram: 'histogram' };

function expectStreamEqualsBatch(definition: IndicatorDefinition, parameters: ParameterValues): void {
  expectEntryComputesAndStreams(definition, parameters, bars, streamFields);
}

describe('momentum oscillator registry entries', () => {
  it('register exactly the expected names and outputs', () => {
    expect(momentumOscillatorDefinitions.map((d) => d.name)).toEqual([
      'rsi', 'cmo', 'mom', 'roc', 'rocp', 'rocr', 'rocr100', 'stoch', 'stochf', 'stochrsi', 'macd', 'macdext', 'macdfix', 'apo', 'ppo', 'trix',
    ]);
    expect(find('stoch').outputs).toEqual(['slowk', 'slowd']);
    expect(find('stochf').outputs).toEqual(['fastk', 'fastd']);
    expect(find('stochrsi').outputs).toEqual(['fastk', 'fastd']);
    for (const name of ['macd', 'macdext', 'macdfix']) expect(find(name).outputs).toEqual(['macd', 'signal', 'histogram']);
    expect(momentumOscillatorDefinitions.every((d) => d.group === 'momentum')).toBe(true);
  });

  it.each(momentumOscillatorDefinitions.map((d) => [d.name, d] as const))('%s: defaults compute with the declared lookback and the stream agrees', (_name, definition) => {
    expectStreamEqualsBatch(definition, resolveParameters(definition));
  });

  it.each([
    ['stoch', { fastKPeriod: 9, slowKType: 'EMA', slowDType: 'wma' }],
    ['stochf', { fastKPeriod: 14, fastDType: 'tema' }],
    ['stochrsi', { period: 9, fastDType: 'ema' }],
    ['macd', { fastPeriod: 26, slowPeriod: 12, signalPeriod: 5 }],
    ['macdext', { fastType: 'ema', slowType: 'dema', signalType: 'kama' }],
    ['apo', { type: 'ema' }],
    ['ppo', { fastPeriod: 5, slowPeriod: 20, type: 't3' }],
    ['rsi', { period: 2 }],
    ['trix', { period: 5 }],
  ] as const)('%s with %o computes, streams and looks back consistently', (name, given) => {
    expectStreamEqualsBatch(find(name), resolveParameters(find(name), given));
  });

  it('computes what the batch kernels return', () => {
    const stochOutputs = find('stoch').compute(contextFor([]), resolveParameters(find('stoch')));
    const direct = stoch(bars.high, bars.low, bars.close);
    expect(stochOutputs).toEqual([direct.slowK, direct.slowD]);
    const ema = resolveParameters(find('apo'), { type: 'ema' });
    expect(find('apo').compute(contextFor([]), ema)[0]).toEqual(apo(bars.close, 12, 26, 'ema'));
    expect(find('ppo').compute(contextFor([]), resolveParameters(find('ppo')))[0]).toEqual(ppo(bars.close));
  });

  it('shares the slow EMA of MACD and the averages of APO and PPO with the moving-average columns', () => {
    const computed: string[] = [];
    const context = contextFor(computed);
    const macdOutputs = find('macd').compute(context, resolveParameters(find('macd')));
    find('apo').compute(context, resolveParameters(find('apo')));
    find('ppo').compute(context, resolveParameters(find('ppo')));
    find('apo').compute(context, resolveParameters(find('apo'), { type: 'ema' }));
    expect(computed).toEqual(['ema:close:26:seed-sma', 'sma:close:12', 'sma:close:26', 'ema:close:12:seed-sma']);
    const direct = macd(bars.close);
    expect(macdOutputs).toEqual([direct.macd, direct.signal, direct.histogram]);
  });

  it('keeps the missing-value rule when computing from shared averages', () => {
    const damaged = randomWalkBars(200, 5);
    damaged.close[60] = NaN;
    for (const name of ['apo', 'ppo', 'macd'] as const) {
      const outputs = find(name).compute(contextFor([], damaged), resolveParameters(find(name)));
      const direct = name === 'apo' ? [apo(damaged.close)] : name === 'ppo' ? [ppo(damaged.close)] : Object.values(macd(damaged.close));
      expect(outputs, name).toEqual(direct);
    }
  });

  it('rejects parameters outside their ranges, naming them', () => {
    expect(() => resolveParameters(find('rsi'), { period: 1 })).toThrow(/rsi: period must be a whole number from 2 to 100000, got 1/);
    expect(() => resolveParameters(find('stoch'), { slowKType: 'mama' })).toThrow(/stoch: slowKType must be one of sma, ema, wma, dema, tema, trima, kama, t3/);
    expect(() => resolveParameters(find('macd'), { signalPeriod: 0 })).toThrow(/macd: signalPeriod must be a whole number from 1 to 100000/);
  });
});
