import { Bars } from '../../src/core/Bars.js';
import { Timeframe } from '../../src/core/Timeframe.js';
import { resampleBars } from '../../src/data/resample.js';
import { validateBars } from '../../src/data/validate/validateBars.js';
import type { BenchMeasurement, Suite } from '../harness.js';
import { resampleObjects, toObjects, validateObjects } from '../peers/objectBarsPeer.js';

/**
 * Validation runs on every ingest and resampling on every coarser read, so both must cost a
 * few milliseconds for a 600k-row series. Synthetic data (deterministic) keeps the suite
 * independent of ../shared/data. The peer is the array-of-objects loop that JavaScript
 * libraries use (bench/peers/objectBarsPeer.ts), given its objects ready-made (untimed).
 */
const rows = 600_000;

function syntheticMinutes(length: number, duplicateEvery = 0): Bars {
  const bars = Bars.allocate('SYN', Timeframe.of('1m'), length);
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 4_294_967_296);
  let price = 100;
  let t = Date.UTC(2024, 0, 1);
  for (let i = 0; i < length; i++) {
    const open = price;
    price *= 1 + (random() - 0.5) * 0.002;
    bars.time[i] = t;
    bars.open[i] = open;
    bars.close[i] = price;
    bars.high[i] = Math.max(open, price) * (1 + random() * 0.001);
    bars.low[i] = Math.min(open, price) * (1 - random() * 0.001);
    bars.volume[i] = Math.floor(random() * 1000);
    // A duplicate keeps the time of the previous row, as overlapping source segments do.
    if (!(duplicateEvery > 0 && i % duplicateEvery === duplicateEvery - 1)) t += 60_000;
  }
  return bars;
}

function medianMilliseconds(run: () => unknown, repeats = 31, warmups = 30): number {
  // Enough warm-up runs for the optimising compiler to settle; the first runs are 2-4x slower.
  for (let i = 0; i < warmups; i++) run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[repeats >> 1];
}

export const run: Suite = async (context) => {
  const clean = syntheticMinutes(rows);
  const duplicated = syntheticMinutes(rows, 100);
  const measurements: BenchMeasurement[] = [];
  const add = (name: string, implementation: string, value: number) =>
    measurements.push({ case: name, implementation, metric: 'median time', value, unit: 'ms', better: 'lower' });
  const cleanObjects = toObjects(clean);
  const duplicatedObjects = toObjects(duplicated);

  const validateCase = `validate ${rows} clean 1m rows`;
  add(validateCase, 'tickforge', medianMilliseconds(() => validateBars({ bars: clean })));
  add(validateCase, 'array-of-objects loop', medianMilliseconds(() => validateObjects(cleanObjects, 60_000), 5, 3));
  const duplicateCase = `validate ${rows} 1m rows, 1% duplicated`;
  add(duplicateCase, 'tickforge', medianMilliseconds(() => validateBars({ bars: duplicated }, { onDuplicate: 'first' })));
  add(duplicateCase, 'array-of-objects loop', medianMilliseconds(() => validateObjects(duplicatedObjects, 60_000), 5, 3));
  add(`validate ${rows} clean 1m rows with the spike check`, 'tickforge', medianMilliseconds(() => validateBars({ bars: clean }, {}, { spikeFactor: 2 })));
  for (const target of ['5m', '1h'] as const) {
    const name = `resample ${rows} 1m rows to ${target}`;
    const width = Timeframe.of(target).milliseconds;
    add(name, 'tickforge', medianMilliseconds(() => resampleBars(clean, target)));
    add(name, 'array-of-objects loop', medianMilliseconds(() => resampleObjects(cleanObjects, width), 5, 3));
  }
  context.log(`validate: ${rows} rows measured`);

  return {
    suite: 'validate',
    measurements,
    targets: [],
    notes: ['tickforge: median of 31 runs after 30 warm-up runs; peer: median of 5 after 3 warm-up runs.'],
  };
};
