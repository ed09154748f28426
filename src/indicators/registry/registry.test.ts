import { describe, expect, it } from 'vitest';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { computeAll } from '../computeAll.js';
import { indicatorDefinitions } from './registry.js';
import { resolveParameters } from './resolveParameters.js';

/**
 * Every registry entry keeps its promises, whoever wrote it: defaults within their own
 * ranges, the declared lookback equal to the warm-up of its batch output, outputs of the
 * declared count and length, and a streaming form (where declared) equal to the batch.
 */
const bars = randomWalkBars(600, 31);

describe.each(indicatorDefinitions.map((d) => [d.name, d] as const))('registry entry %s', (_name, definition) => {
  const parameters = resolveParameters(definition);

  it('has valid defaults, a title, inputs and outputs', () => {
    expect(definition.title.length).toBeGreaterThan(2);
    expect(definition.inputs.length).toBeGreaterThan(0);
    expect(definition.outputs.length).toBeGreaterThan(0);
    expect(definition.name).toBe(definition.name.toLowerCase());
  });

  it('computes outputs of the input length whose warm-up is the declared lookback', () => {
    const columns = [...computeAll(bars, [{ name: definition.name }]).values()];
    const lookback = definition.lookback(parameters);
    expect(columns).toHaveLength(definition.outputs.length);
    for (const [k, column] of columns.entries()) {
      expect(column.length).toBe(bars.length);
      for (let i = 0; i < Math.min(lookback, bars.length); i++) expect(column[i], `${definition.outputs[k]}[${i}]`).toBeNaN();
    }
    expect(columns.some((column) => Number.isFinite(column[lookback])), `a value at the lookback (${lookback})`).toBe(true);
  });

  it.runIf(definition.createStream !== undefined)('streams the same values as its batch form', () => {
    const columns = [...computeAll(bars, [{ name: definition.name }]).values()];
    const stream = definition.createStream!(parameters) as unknown as { update(...values: number[]): number; value: number };
    for (let i = 0; i < bars.length; i++) {
      const value = stream.update(...definition.inputs.map((input) => bars[input][i]));
      const expected = columns[0][i];
      if (Number.isNaN(expected)) expect(value, `bar ${i}`).toBeNaN();
      else expect(Math.abs(value - expected), `bar ${i}: ${value} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
    }
  });
});
