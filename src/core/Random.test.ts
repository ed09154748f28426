import { describe, expect, it } from 'vitest';
import { Random, fnv1a64, splitmix64 } from './Random.js';
import { isTickforgeError } from './errors.js';

const take = (count: number, draw: () => number): number[] => Array.from({ length: count }, draw);

function moments(values: number[]): { mean: number; variance: number; kurtosis: number } {
  const mean = values.reduce((sum, x) => sum + x, 0) / values.length;
  let second = 0;
  let fourth = 0;
  for (const x of values) {
    const d = (x - mean) ** 2;
    second += d;
    fourth += d * d;
  }
  second /= values.length;
  fourth /= values.length;
  return { mean, variance: second, kurtosis: fourth / (second * second) };
}

describe('splitmix64', () => {
  it('reproduces the published outputs for seed 1234567', () => {
    // Rosetta Code "Pseudo-random numbers/Splitmix64", also recomputed with a separate Python implementation.
    let state = 1234567n;
    const outputs: bigint[] = [];
    for (let i = 0; i < 5; i++) {
      const [next, output] = splitmix64(state);
      state = next;
      outputs.push(output);
    }
    expect(outputs).toEqual([
      6457827717110365317n, 3203168211198807973n, 9817491932198370423n, 4593380528125082431n, 16408922859458223821n,
    ]);
  });
});

describe('fnv1a64', () => {
  it('matches the reference test vectors', () => {
    expect(fnv1a64('')).toBe(0xcbf29ce484222325n);
    expect(fnv1a64('a')).toBe(0xaf63dc4c8601ec8cn);
    expect(fnv1a64('foobar')).toBe(0x85944171f73967e8n);
  });
});

describe('Random', () => {
  it('is xoshiro128**: the reference sequence from state (1, 2, 3, 4)', () => {
    // Values of xoshiro128starstar.c 1.1, as in the rand_xoshiro (Rust) test suite.
    const random = Random.fromState(1, 2, 3, 4);
    expect(take(10, () => random.nextUint32())).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ]);
  });

  it('seeds through splitmix64 and FNV-1a keys as an independent Python implementation computes', () => {
    const plain = Random.fromSeed(42);
    expect(take(4, () => plain.nextUint32())).toEqual([1776835114, 4165204688, 17111135, 2317295270]);
    const keyed = Random.fromSeed(42, 'symbol', 'SYN001');
    expect(take(4, () => keyed.nextUint32())).toEqual([4099383832, 33901052, 2252715953, 3006349283]);
    const negative = Random.fromSeed(-1);
    expect(take(2, () => negative.nextUint32())).toEqual([477689756, 2493998634]);
    expect(Random.fromSeed(-1n).nextUint32()).toBe(477689756);
  });

  it('gives equal streams for equal seeds and different streams for different seeds or keys', () => {
    const a = Random.fromSeed(7, 'x');
    const b = Random.fromSeed(7, 'x');
    expect(take(100, () => a.nextDouble())).toEqual(take(100, () => b.nextDouble()));
    const first = take(8, () => Random.fromSeed(7, 'x').nextUint32())[0];
    expect(Random.fromSeed(8, 'x').nextUint32()).not.toBe(first);
    expect(Random.fromSeed(7, 'y').nextUint32()).not.toBe(first);
    expect(Random.fromSeed(7, 'x', 0).nextUint32()).not.toBe(first);
    expect(Random.fromSeed(0.5).nextUint32()).not.toBe(Random.fromSeed(0).nextUint32());
  });

  it('rejects a non-finite seed and an all-zero state', () => {
    expect(() => Random.fromSeed(Number.NaN)).toThrowError(/finite/);
    try {
      Random.fromState(0, 0, 0, 0);
      expect.unreachable();
    } catch (error) {
      expect(isTickforgeError(error, 'TF_ERR_CORE_ARGUMENT_INVALID')).toBe(true);
    }
  });

  it('draws uniform doubles in [0, 1) with mean 1/2, variance 1/12 and flat deciles', () => {
    const random = Random.fromSeed(1);
    const values = take(200_000, () => random.nextDouble());
    expect(values.every((x) => x >= 0 && x < 1)).toBe(true);
    const { mean, variance } = moments(values);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 3);
    const deciles = new Array<number>(10).fill(0);
    for (const x of values) deciles[Math.floor(x * 10)]++;
    // Chi-square with 9 degrees of freedom: the 99.9% quantile is 27.88.
    const expected = values.length / 10;
    const chiSquare = deciles.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(27.88);
  });

  it('draws bounded integers covering every residue about equally', () => {
    const random = Random.fromSeed(2);
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[random.nextInt(7)]++;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500);
    expect(() => random.nextInt(0)).toThrowError(/bound 0/);
  });

  it('draws standard normals: mean 0, variance 1, kurtosis 3, P(Z <= 1.96) = 0.975', () => {
    const random = Random.fromSeed(3);
    const values = take(200_000, () => random.nextGaussian());
    const { mean, variance, kurtosis } = moments(values);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1)).toBeLessThan(0.015);
    expect(Math.abs(kurtosis - 3)).toBeLessThan(0.08);
    const below = values.filter((x) => x <= 1.959964).length / values.length;
    expect(Math.abs(below - 0.975)).toBeLessThan(0.002);
  });

  it('draws Student-t with variance dof/(dof-2) and the tabulated 95% quantile', () => {
    const random = Random.fromSeed(4);
    const values = take(200_000, () => random.nextStudentT(5));
    const { mean, variance } = moments(values);
    expect(Math.abs(mean)).toBeLessThan(0.015);
    expect(Math.abs(variance - 5 / 3)).toBeLessThan(0.1);
    // t(5) 0.95 quantile = 2.015048 (standard tables).
    const below = values.filter((x) => x <= 2.015048).length / values.length;
    expect(Math.abs(below - 0.95)).toBeLessThan(0.003);
  });

  it('draws exponentials with mean 1 and P(X > 1) = 1/e', () => {
    const random = Random.fromSeed(5);
    const values = take(100_000, () => random.nextExponential());
    expect(Math.abs(moments(values).mean - 1)).toBeLessThan(0.015);
    expect(Math.abs(values.filter((x) => x > 1).length / values.length - Math.exp(-1))).toBeLessThan(0.005);
  });

  it('draws log-uniform values inside their bounds with a uniform logarithm', () => {
    const random = Random.fromSeed(6);
    const values = take(50_000, () => random.nextLogUniform(10, 1000));
    expect(values.every((x) => x >= 10 && x < 1000)).toBe(true);
    const belowHundred = values.filter((x) => x < 100).length / values.length;
    expect(Math.abs(belowHundred - 0.5)).toBeLessThan(0.01);
  });
});
