import { createRequire } from 'node:module';

/**
 * TA-Lib's C library through the `talib` binding (an optional dependency compiled at install),
 * as the independent reference for indicator tests. When it is missing the tests that need it
 * skip with a line saying so; under CI=true its absence fails them.
 */
export interface TalibResult {
  begIndex: number;
  nbElement: number;
  result: Record<string, number[]>;
}

interface TalibModule {
  execute(parameters: Record<string, unknown>): TalibResult;
  version: string;
}

function load(): TalibModule | undefined {
  try {
    return createRequire(import.meta.url)('talib') as TalibModule;
  } catch {
    return undefined;
  }
}

export const talib = load();
export const talibAvailable = talib !== undefined;

if (!talibAvailable) {
  if (process.env.CI === 'true') throw new Error('The talib binding is not installed (optionalDependencies); CI requires it for the TA-Lib cross-checks.');
  console.log('skipping TA-Lib cross-checks: the optional talib binding is not installed (it needs a C compiler at npm install)');
}

/**
 * Runs a TA-Lib function over whole arrays and returns its outputs aligned to the input
 * (NaN before begIndex), as tickforge's batch kernels return them. Inputs are given to TA-Lib
 * as plain arrays: the binding silently returns garbage for typed arrays.
 */
export function talibAligned(name: string, inputs: Record<string, ArrayLike<number>>, options: Record<string, number> = {}): Record<string, Float64Array> {
  if (talib === undefined) throw new Error('talib is not installed');
  const plainInputs = Object.fromEntries(Object.entries(inputs).map(([key, values]) => [key, Array.from(values)]));
  const length = Object.values(inputs)[0].length;
  const result = talib.execute({ name, startIdx: 0, endIdx: length - 1, ...plainInputs, ...options });
  if ((result as unknown as { error?: string }).error) throw new Error(`TA-Lib ${name}: ${(result as unknown as { error: string }).error}`);
  const aligned: Record<string, Float64Array> = {};
  for (const [key, values] of Object.entries(result.result)) {
    const column = new Float64Array(length).fill(NaN);
    for (let i = 0; i < result.nbElement; i++) column[result.begIndex + i] = values[i];
    aligned[key] = column;
  }
  return aligned;
}

/**
 * Largest relative difference between two aligned series, with NaN required in the same
 * places. Values near zero (an oscillator crossing zero) are compared relative to a floor of
 * 1e-6 of the series' largest magnitude, so a 1e-15 absolute difference at 1e-14 is not "100%".
 */
export function maxRelativeDifference(actual: Float64Array, expected: Float64Array): { difference: number; index: number; nanMismatch: number } {
  let magnitude = 0;
  for (const e of expected) if (Number.isFinite(e)) magnitude = Math.max(magnitude, Math.abs(e));
  const floor = Math.max(magnitude * 1e-6, 1e-300);
  let difference = 0;
  let index = -1;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(a) !== Number.isNaN(e)) return { difference: Infinity, index: i, nanMismatch: i };
    if (Number.isNaN(e)) continue;
    const d = Math.abs(a - e) / Math.max(Math.abs(e), floor);
    if (d > difference) {
      difference = d;
      index = i;
    }
  }
  return { difference, index, nanMismatch: -1 };
}
