import { TickforgeError } from './errors.js';

/**
 * Seeded pseudo-random numbers for simulations, synthetic data and tests: never `Math.random`,
 * so every run is reproducible from its seed.
 *
 * - Generator: xoshiro128** 1.1 (Blackman and Vigna, https://prng.di.unimi.it/), 128 bits of
 *   state in four uint32 words, period 2^128 - 1, fast in JavaScript because it needs only
 *   32-bit integer operations (`Math.imul`, shifts).
 * - Seeding: the seed (any finite number or a bigint) becomes a 64-bit integer; each key of
 *   `Random.fromSeed(seed, ...keys)` (a string or a number, hashed with FNV-1a 64) is mixed in
 *   with one splitmix64 step, and two further splitmix64 outputs fill the four state words, as
 *   the xoshiro authors recommend. Keys give independent streams from one user seed
 *   (`fromSeed(seed, 'factor')`, `fromSeed(seed, 'symbol', name)`): adding a stream never
 *   shifts the numbers of another.
 * - Doubles carry 53 random bits (two outputs). Gaussians use Marsaglia's polar method (the
 *   second value of each pair is kept for the next call); Student-t uses Bailey's polar method.
 */
export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareGaussian = NaN;

  private constructor(s0: number, s1: number, s2: number, s3: number) {
    if ((s0 | s1 | s2 | s3) === 0) {
      throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', 'xoshiro128** state must not be all zero; pass any other four words.');
    }
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
  }

  /** A generator whose stream depends only on `seed` and the `keys` (in order). */
  static fromSeed(seed: number | bigint, ...keys: ReadonlyArray<string | number>): Random {
    let state = seedToUint64(seed);
    for (const key of keys) {
      const hashed = typeof key === 'string' ? fnv1a64(key) : seedToUint64(key);
      state = splitmix64(state ^ hashed)[1];
    }
    const [afterFirst, first] = splitmix64(state);
    const [, second] = splitmix64(afterFirst);
    const words: number[] = [first & MASK32, first >> 32n, second & MASK32, second >> 32n].map(Number);
    // Two splitmix64 outputs are never both zero for a reachable state; guard for the proof.
    if (!words.some((word) => word !== 0)) words[0] = 1;
    return new Random(words[0], words[1], words[2], words[3]);
  }

  /** A generator with the given raw state words (as in the reference C code), for test vectors. */
  static fromState(s0: number, s1: number, s2: number, s3: number): Random {
    return new Random(s0, s1, s2, s3);
  }

  /** The next 32 random bits as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    const s1 = this.s1;
    const product = Math.imul(s1, 5);
    const result = Math.imul((product << 7) | (product >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** A double uniform in [0, 1) with 53 random bits. */
  nextDouble(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67_108_864 + low) / 9_007_199_254_740_992;
  }

  /** A double uniform in (0, 1]: safe to take the logarithm of. */
  nextPositiveDouble(): number {
    return 1 - this.nextDouble();
  }

  /** A double uniform in [min, max). */
  nextBetween(min: number, max: number): number {
    return min + (max - min) * this.nextDouble();
  }

  /** A double whose logarithm is uniform in [ln min, ln max): for prices and volumes. */
  nextLogUniform(min: number, max: number): number {
    return Math.exp(this.nextBetween(Math.log(min), Math.log(max)));
  }

  /** An integer uniform in [0, bound), bound <= 2^32, without modulo bias. */
  nextInt(bound: number): number {
    if (!Number.isInteger(bound) || bound < 1 || bound > 4_294_967_296) {
      throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `Random.nextInt bound ${bound} must be an integer in [1, 2^32].`, {
        details: { bound },
      });
    }
    // Reject the top partial block of 2^32 so every residue is equally likely.
    const limit = 4_294_967_296 - (4_294_967_296 % bound);
    let value = this.nextUint32();
    while (value >= limit) value = this.nextUint32();
    return value % bound;
  }

  /** A standard normal draw (mean 0, variance 1). */
  nextGaussian(): number {
    const spare = this.spareGaussian;
    if (!Number.isNaN(spare)) {
      this.spareGaussian = NaN;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    // 32 bits per coordinate are plenty here (the tails still reach beyond 9 sigma) and twice as fast as 53.
    do {
      u = (this.nextUint32() | 0) * INVERSE_2_POW_31;
      v = (this.nextUint32() | 0) * INVERSE_2_POW_31;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const scale = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareGaussian = v * scale;
    return u * scale;
  }

  /**
   * A Student-t draw with `degreesOfFreedom` (> 0; variance dof / (dof - 2) when dof > 2).
   * Bailey's polar method (Math. Comp. 62, 1994): exact, two uniforms per accepted pair.
   */
  nextStudentT(degreesOfFreedom: number): number {
    let u: number;
    let v: number;
    let w: number;
    do {
      u = 2 * this.nextDouble() - 1;
      v = 2 * this.nextDouble() - 1;
      w = u * u + v * v;
    } while (w >= 1 || w === 0);
    return u * Math.sqrt((degreesOfFreedom * (Math.pow(w, -2 / degreesOfFreedom) - 1)) / w);
  }

  /** An exponential draw with mean 1. */
  nextExponential(): number {
    return -Math.log(this.nextPositiveDouble());
  }
}

const MASK32 = 0xffff_ffffn;
/** Maps a signed 32-bit integer onto [-1, 1). */
const INVERSE_2_POW_31 = 1 / 2_147_483_648;
const MASK64 = 0xffff_ffff_ffff_ffffn;

/**
 * One step of splitmix64 (Steele, Lea and Flood; Vigna's splitmix64.c): returns the next
 * state and the output. Used for seeding only, so bigint speed does not matter.
 */
export function splitmix64(state: bigint): [nextState: bigint, output: bigint] {
  const next = (state + 0x9e37_79b9_7f4a_7c15n) & MASK64;
  let z = next;
  z = ((z ^ (z >> 30n)) * 0xbf58_476d_1ce4_e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d0_49bb_1331_11ebn) & MASK64;
  return [next, z ^ (z >> 31n)];
}

/** FNV-1a 64 over the UTF-8 bytes of `text`. */
export function fnv1a64(text: string): bigint {
  let hash = 0xcbf2_9ce4_8422_2325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash = ((hash ^ BigInt(byte)) * 0x100_0000_01b3n) & MASK64;
  }
  return hash;
}

/** Integers (up to 2^53) map to themselves modulo 2^64; other finite numbers to their IEEE-754 bits. */
function seedToUint64(seed: number | bigint): bigint {
  if (typeof seed === 'bigint') return BigInt.asUintN(64, seed);
  if (!Number.isFinite(seed)) {
    throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `Seed ${seed} is not a finite number; pass an integer such as 42.`, {
      details: { seed },
    });
  }
  if (Number.isSafeInteger(seed)) return BigInt.asUintN(64, BigInt(seed));
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, seed);
  return view.getBigUint64(0);
}
