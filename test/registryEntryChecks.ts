import { describe, expect, it } from 'vitest';
import type { Bars } from '../src/core/Bars.js';
import type { ComputeContext, IndicatorDefinition, ParameterValues } from '../src/indicators/registry/IndicatorDefinition.js';
import { resolveParameters } from '../src/indicators/registry/resolveParameters.js';
import { randomWalkBars } from './randomWalk.js';

/** A ComputeContext over `bars` that records, in `computed`, which shared keys were computed. */
export function registryContextOver(bars: Bars, computed: string[] = []): ComputeContext {
  const memo = new Map<string, Float64Array>();
  return {
    length: bars.length,
    input: (name) => bars[name],
    shared: (key, compute) => {
      if (!memo.has(key)) {
        computed.push(key);
        memo.set(key, compute());
      }
      return memo.get(key)!;
    },
  };
}

/**
 * One entry with given parameters: one output of the input length per declared output, NaN
 * exactly before the lookback and finite at it; then the stream fed bar by bar agrees with
 * the first output (to 1e-9 relative), and with every other output when `streamFields` maps
 * each extra output name to the stream's field holding it.
 */
export function expectEntryComputesAndStreams(definition: IndicatorDefinition, parameters: ParameterValues, bars: Bars, streamFields?: Record<string, string>): void {
  const outputs = definition.compute(registryContextOver(bars), parameters);
  const lookback = definition.lookback(parameters);
  expect(outputs).toHaveLength(definition.outputs.length);
  for (const output of outputs) {
    expect(output).toHaveLength(bars.length);
    for (let i = 0; i < lookback; i++) expect(output[i]).toBeNaN();
    expect(Number.isFinite(output[lookback]), `${definition.name} value at its lookback ${lookback}`).toBe(true);
  }
  const stream = definition.createStream!(parameters) as unknown as Record<string, number> & { update(...values: number[]): number };
  const checked = streamFields === undefined ? 1 : definition.outputs.length;
  for (let i = 0; i < bars.length; i++) {
    stream.update(...definition.inputs.map((name) => bars[name][i]));
    for (let k = 0; k < checked; k++) {
      const name = definition.outputs[k];
      const actual = k === 0 ? stream.value : stream[streamFields![name]];
      const expected = outputs[k][i];
      if (Number.isNaN(expected)) expect(actual, `${definition.name} ${name} bar ${i}`).toBeNaN();
      else expect(Math.abs(actual - expected), `${definition.name} ${name} bar ${i}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
    }
  }
}

/** Every entry: warm-up equals the lookback, and the stream's value equals the first output. */
export function testRegistryEntries(definitions: readonly IndicatorDefinition[], parameterSets: Record<string, Array<Record<string, number | string>>>, bars: Bars = randomWalkBars(500, 41)): void {
  for (const definition of definitions) {
    for (const given of [{}, ...(parameterSets[definition.name] ?? [])]) {
      describe(`registry entry ${definition.name} ${JSON.stringify(given)}`, () => {
        const parameters: ParameterValues = resolveParameters(definition, given);
        const columns = definition.compute(registryContextOver(bars), parameters);
        const lookback = definition.lookback(parameters);

        it('returns one output of the input length per declared output, NaN exactly before the lookback', () => {
          expect(columns).toHaveLength(definition.outputs.length);
          for (const [k, column] of columns.entries()) {
            expect(column.length).toBe(bars.length);
            for (let i = 0; i < lookback; i++) expect(column[i], `${definition.outputs[k]}[${i}]`).toBeNaN();
            expect(Number.isFinite(column[lookback]), `${definition.outputs[k]}[${lookback}]`).toBe(true);
          }
        });

        it('streams the first output', () => {
          const stream = definition.createStream!(parameters) as unknown as { update(...values: number[]): number; value: number };
          for (let i = 0; i < bars.length; i++) {
            const value = stream.update(...definition.inputs.map((input) => bars[input][i]));
            const expected = columns[0][i];
            if (Number.isNaN(expected)) expect(value, `bar ${i}`).toBeNaN();
            else expect(Math.abs(value - expected), `bar ${i}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
          }
        });
      });
    }
  }
}

