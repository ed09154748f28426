import { join } from 'node:path';
import { readCsvBars } from '../../src/data/csv/readCsvBars.js';
import { defaultIndicatorPlan } from '../../src/indicators/defaultIndicatorPlan.js';
import { computeUniverse } from '../../src/parallel/computeUniverse.js';
import type { BenchContext, BenchMeasurement, BenchTarget } from '../harness.js';
import { median } from '../median.js';

const UNIVERSE_RUNS = 3;
const UNIVERSE_TARGET_MS = 1_000;

/**
 * The universe part of the indicator suite: `computeUniverse` with the default plan over the S&P
 * 500 file as read (one Bars per symbol). 'tickforge' is the default (`threads: 'auto'`);
 * 'tickforge (1 thread)' is `threads: 0`, so their ratio is what the pool adds.
 */
export async function measureUniverse(
  context: BenchContext,
  gc: () => void,
  file: string,
): Promise<{ measurements: BenchMeasurement[]; targets: BenchTarget[]; notes: string[] }> {
  if (context.sharedDataDir === undefined) {
    return { measurements: [], targets: [], notes: [`universe not measured: ../shared/data (${file}) is absent.`] };
  }
  const plan = defaultIndicatorPlan;
  const { tables } = await readCsvBars(join(context.sharedDataDir, file));
  const barsList = tables.map((table) => table.bars);
  const bars = barsList.reduce((sum, item) => sum + item.length, 0);
  const caseName = `universe: default plan, S&P 500 daily (${barsList.length} symbols, ${bars.toLocaleString('en-US')} bars)`;
  const measurements: BenchMeasurement[] = [];
  const times = new Map<string, number>();
  for (const [implementation, threads] of [['tickforge', 'auto'], ['tickforge (1 thread)', 0]] as const) {
    context.log(`indicators: universe, ${implementation}, ${barsList.length} symbols, ${plan.length} plan entries`);
    await computeUniverse(barsList, { plan, threads }); // warm-up: workers started, kernels compiled
    const samples: number[] = [];
    for (let run = 0; run < UNIVERSE_RUNS; run++) {
      gc();
      const start = performance.now();
      await computeUniverse(barsList, { plan, threads });
      samples.push(performance.now() - start);
    }
    times.set(implementation, median(samples));
    measurements.push({ case: caseName, implementation, metric: 'median time', value: median(samples), unit: 'ms', better: 'lower' });
  }
  const ms = times.get('tickforge')!;
  return {
    measurements,
    targets: [{ description: 'universe: all indicators of the default plan over the S&P 500 file, on two cores', measured: ms, unit: 'ms', target: UNIVERSE_TARGET_MS, met: ms < UNIVERSE_TARGET_MS }],
    notes: [`universe: computeUniverse(barsList, { plan: defaultIndicatorPlan (${plan.length} entries) }); one warm-up call, median of ${UNIVERSE_RUNS}.`],
  };
}
