import { median } from './median.js';

/** The median wall time (ms) of `runs` rounds of `work` after one untimed warm-up round, collecting garbage before each round when `gc` is given. */
export async function timeRounds(work: () => unknown, runs: number, gc?: () => void): Promise<number> {
  await work();
  const samples: number[] = [];
  for (let k = 0; k < runs; k++) {
    gc?.();
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  return median(samples);
}
