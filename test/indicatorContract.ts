import { describe, expect, it } from 'vitest';
import type { BarColumnName } from '../src/core/Bars.js';
import { randomWalkBars } from './randomWalk.js';

/**
 * The indicator contract of DESIGN.md section 4, registered by every indicator's test:
 * batch and stream agree bar by bar (fed whole, and in chunks of 1, 2, 3, 7, 13 with the
 * forming bar revised at every chunk boundary), `replace()` with the same value changes
 * nothing, `reset()` restarts cleanly, warm-up is exactly the lookback, and missing values
 * are skipped the same way by both forms.
 */
export interface IndicatorContract<Stream> {
  name: string;
  /** Columns of a random-walk Bars fed as inputs, in the indicator's argument order. */
  inputs: readonly BarColumnName[];
  /** Output names, in the order `batch` and `read` return them. */
  outputs: readonly string[];
  lookback: number;
  batch: (inputs: Float64Array[]) => Float64Array[];
  create: () => Stream;
  update: (stream: Stream, values: number[]) => void;
  replace: (stream: Stream, values: number[]) => void;
  read: (stream: Stream) => number[];
  isReady: (stream: Stream) => boolean;
  reset: (stream: Stream) => void;
  /** Relative tolerance between batch and stream (different summation order). Default 1e-9. */
  tolerance?: number;
  /** Bars of random walk. Default 400. */
  length?: number;
  /** Outputs that may be NaN after warm-up (e.g. a ratio over a zero range). */
  sparseOutputs?: readonly string[];
}

const chunkSizes = [1, 2, 3, 7, 13];

export function testIndicatorContract<Stream>(contract: IndicatorContract<Stream>): void {
  const length = contract.length ?? 400;
  const tolerance = contract.tolerance ?? 1e-9;
  const bars = randomWalkBars(length, 11);
  const inputs = contract.inputs.map((name) => bars[name].slice());
  const row = (source: Float64Array[], i: number) => source.map((column) => column[i]);

  function expectClose(actual: number[], expected: number[], where: string): void {
    for (let k = 0; k < expected.length; k++) {
      const a = actual[k];
      const e = expected[k];
      const label = `${contract.name} ${contract.outputs[k]} ${where}`;
      if (Number.isNaN(e)) expect(a, label).toBeNaN();
      else expect(Math.abs(a - e), `${label}: stream ${a} vs batch ${e}`).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(e)));
    }
  }

  describe(`${contract.name} contract`, () => {
    const batch = contract.batch(inputs);

    it('batch outputs have the input length and NaN exactly during the lookback', () => {
      expect(batch).toHaveLength(contract.outputs.length);
      batch.forEach((output, k) => {
        expect(output.length).toBe(length);
        for (let i = 0; i < Math.min(contract.lookback, length); i++) expect(output[i], `${contract.outputs[k]}[${i}] in warm-up`).toBeNaN();
        if (!contract.sparseOutputs?.includes(contract.outputs[k])) {
          expect(Number.isFinite(output[contract.lookback]), `${contract.outputs[k]}[${contract.lookback}] is the first value`).toBe(true);
        }
      });
    });

    it('the stream fed bar by bar equals the batch, and is ready exactly after the lookback', () => {
      const stream = contract.create();
      for (let i = 0; i < length; i++) {
        contract.update(stream, row(inputs, i));
        expectClose(contract.read(stream), row(batch, i), `at bar ${i}`);
        expect(contract.isReady(stream), `isReady at bar ${i}`).toBe(i >= contract.lookback);
      }
    });

    it.each(chunkSizes.concat([length]))('the stream fed in chunks of %i, with the forming bar revised at each boundary, equals the batch', (size) => {
      const stream = contract.create();
      for (let start = 0; start < length; start += size) {
        const end = Math.min(length, start + size);
        for (let i = start; i < end; i++) contract.update(stream, row(inputs, i));
        const last = row(inputs, end - 1);
        // A divergent revision (all prices 3% up keeps high >= open, close >= low), then the truth.
        contract.replace(stream, last.map((value) => value * 1.03));
        contract.replace(stream, last);
        expectClose(contract.read(stream), row(batch, end - 1), `at bar ${end - 1} after chunk of ${size}`);
      }
    });

    it('replace() with the value just given changes nothing', () => {
      const stream = contract.create();
      for (let i = 0; i < length; i++) {
        contract.update(stream, row(inputs, i));
        const before = contract.read(stream);
        contract.replace(stream, row(inputs, i));
        expect(contract.read(stream), `at bar ${i}`).toEqual(before);
      }
    });

    it('reset() restarts from nothing', () => {
      const stream = contract.create();
      for (let i = 0; i < 50; i++) contract.update(stream, row(inputs, (i * 7) % length));
      contract.reset(stream);
      expect(contract.isReady(stream)).toBe(false);
      for (let i = 0; i < length; i++) contract.update(stream, row(inputs, i));
      expectClose(contract.read(stream), row(batch, length - 1), 'after reset');
    });

    it('a missing value yields NaN on its bar and is skipped by batch and stream alike', () => {
      const holes = [Math.floor(contract.lookback / 2), contract.lookback + 5, Math.floor(length * 0.6), Math.floor(length * 0.6) + 1];
      const damaged = inputs.map((column) => column.slice());
      holes.forEach((hole, n) => (damaged[n % damaged.length][hole] = NaN));
      const damagedBatch = contract.batch(damaged);
      const kept: number[] = [];
      for (let i = 0; i < length; i++) if (!holes.includes(i)) kept.push(i);
      const compactBatch = contract.batch(inputs.map((column) => Float64Array.from(kept, (i) => column[i])));
      const stream = contract.create();
      for (let i = 0; i < length; i++) {
        contract.update(stream, row(damaged, i));
        const streamed = contract.read(stream);
        if (holes.includes(i)) {
          damagedBatch.forEach((output, k) => expect(output[i], `${contract.outputs[k]} batch at hole ${i}`).toBeNaN());
          streamed.forEach((value, k) => expect(value, `${contract.outputs[k]} stream at hole ${i}`).toBeNaN());
        } else {
          const compactIndex = kept.indexOf(i);
          expectClose(row(damagedBatch, i), row(compactBatch, compactIndex), `batch at bar ${i} (skipping the holes)`);
          expectClose(streamed, row(damagedBatch, i), `stream at bar ${i} with holes`);
        }
      }
    });
  });
}
