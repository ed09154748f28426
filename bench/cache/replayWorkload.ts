import { Bars } from '../../src/core/Bars.js';
import { Random } from '../../src/core/Random.js';
import { Timeframe } from '../../src/core/Timeframe.js';
import { estimateBytes } from '../../src/cache/memory/estimateBytes.js';

export interface ReplayWorkloadOptions {
  symbols?: number;
  timeframes?: readonly string[];
  /** Zipf-distributed reads (the scans come on top). */
  reads?: number;
  /** Zipf exponent s: the key of popularity rank r is read with probability proportional to 1 / r^s. */
  exponent?: number;
  /** After every this many Zipf reads, one read of every key in order (a universe-wide screen). */
  scanEvery?: number;
  /** Bars per value (1,259 = five years of daily bars). */
  barsPerValue?: number;
  seed?: number;
}

export interface ReplayWorkload {
  /** `bars:<symbol>:<timeframe>` for each symbol and timeframe. */
  keys: string[];
  /** The key index of each read, in order. */
  reads: Int32Array;
  /** Reads that belong to a scan, for reporting. */
  scanReads: number;
  /** One real Bars of `barsPerValue` bars, served as the value of every key (only its size matters). */
  value: Bars;
  /** estimateBytes(value): what L1 accounts per entry. */
  valueBytes: number;
  universeBytes: number;
}

/**
 * A seeded replay of cache reads shaped like a research process: 500 symbols x 3 timeframes,
 * reads Zipf-distributed over the keys (s = 1; popularity ranks shuffled so the scan order says
 * nothing about popularity), and every 20,000 reads a screen that reads every key once, in
 * order. Shared by the L1 cases and any L2 case that wants the same reads.
 */
export function replayWorkload(options: ReplayWorkloadOptions = {}): ReplayWorkload {
  const {
    symbols = 500,
    timeframes = ['1d', '1h', '15m'],
    reads = 400_000,
    exponent = 1,
    scanEvery = 20_000,
    barsPerValue = 1_259,
    seed = 42,
  } = options;
  const keys: string[] = [];
  for (let symbol = 0; symbol < symbols; symbol++) {
    for (const timeframe of timeframes) keys.push(`bars:S${String(symbol).padStart(3, '0')}:${timeframe}`);
  }
  const random = Random.fromSeed(seed, 'cache-replay');
  // Rank r (0 = most popular) is key keyOfRank[r]: a seeded Fisher-Yates shuffle.
  const keyOfRank = Int32Array.from(keys, (_, index) => index);
  for (let i = keyOfRank.length - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    [keyOfRank[i], keyOfRank[j]] = [keyOfRank[j], keyOfRank[i]];
  }
  const cumulative = new Float64Array(keys.length);
  let total = 0;
  for (let rank = 0; rank < keys.length; rank++) cumulative[rank] = total += 1 / Math.pow(rank + 1, exponent);
  const scans = Math.floor(reads / scanEvery);
  const sequence = new Int32Array(reads + scans * keys.length);
  let position = 0;
  for (let read = 0; read < reads; read++) {
    const target = random.nextDouble() * total;
    let low = 0;
    let high = keys.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle] <= target) low = middle + 1;
      else high = middle;
    }
    sequence[position++] = keyOfRank[low];
    if ((read + 1) % scanEvery === 0) for (let key = 0; key < keys.length; key++) sequence[position++] = key;
  }
  const value = Bars.allocate('S000', Timeframe.of('1d'), barsPerValue);
  const valueBytes = estimateBytes(value);
  return { keys, reads: sequence, scanReads: scans * keys.length, value, valueBytes, universeBytes: valueBytes * keys.length };
}
