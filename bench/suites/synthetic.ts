import type { BenchMeasurement, BenchTarget, Suite } from '../harness.js';
import { generateUniverseChunks, type UniverseOptions } from '../../src/data/synthetic/generateUniverse.js';

/**
 * The synthetic universe generator (`tickforge generate`): wall time and bars per second for
 * the two sizes its issue names. No peer generates this model, so the figures stand alone.
 */
export const run: Suite = async (context) => {
  const measurements: BenchMeasurement[] = [];
  const targets: BenchTarget[] = [];
  const cases: Array<{ name: string; options: UniverseOptions; targetMilliseconds?: number }> = [
    {
      name: '10 symbols x 5 years, 1d equity',
      options: { symbols: 10, timeframe: '1d', start: Date.UTC(2019, 0, 1), end: Date.UTC(2024, 0, 1), seed: 1 },
      targetMilliseconds: 1000,
    },
    {
      name: '10 symbols x 1 year, 1m equity',
      options: { symbols: 10, timeframe: '1m', start: Date.UTC(2023, 0, 1), end: Date.UTC(2024, 0, 1), seed: 1 },
    },
    {
      name: '10 symbols x 1 year, 1m crypto',
      options: { symbols: 10, timeframe: '1m', market: 'crypto', start: Date.UTC(2023, 0, 1), end: Date.UTC(2024, 0, 1), seed: 1 },
    },
  ];
  // Warm the JIT on a small universe so the first case does not pay for compilation.
  for (const _ of generateUniverseChunks({ ...cases[0].options, symbols: 3 }));
  for (const { name, options, targetMilliseconds } of cases) {
    let best = Infinity;
    let bars = 0;
    for (let repeat = 0; repeat < 3; repeat++) {
      const started = performance.now();
      bars = 0;
      // Consume symbol by symbol, as the CLI does, so the whole universe is never held.
      for (const chunk of generateUniverseChunks(options)) bars += chunk.length;
      best = Math.min(best, performance.now() - started);
    }
    context.log(`${name}: ${bars} bars in ${best.toFixed(0)} ms`);
    measurements.push({ case: name, implementation: 'tickforge', metric: 'time', value: best, unit: 'ms', better: 'lower' });
    measurements.push({ case: name, implementation: 'tickforge', metric: 'throughput', value: bars / (best / 1000), unit: 'bars/s', better: 'higher' });
    if (targetMilliseconds !== undefined) {
      targets.push({ description: `${name} well under a second`, measured: best, unit: 'ms', target: targetMilliseconds, met: best < targetMilliseconds });
    }
  }
  return { suite: 'synthetic', measurements, targets, notes: ['best of 3 runs; the machine is shared, so figures vary between runs'] };
};
