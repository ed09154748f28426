import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { randomWalkBars } from '../../test/randomWalk.js';
import { garbageCollector } from '../garbageCollector.js';
import { loadIndicatorExport } from '../indicators/loadIndicatorExport.js';
import { measureStreaming, STREAM_PASSES, streamCases, streamingSink } from '../indicators/measureStreaming.js';
import { measureUniverse } from '../indicators/measureUniverse.js';
import type { BenchMeasurement, BenchTarget, Suite } from '../harness.js';
import { median } from '../median.js';
import { prepareNativeKernels, type NativeResult } from '../native/measureNativeKernels.js';
import {
  benchParameters as p, indicatorCodes, loadIndicatorPeers,
  type Candle, type IndicatorCode, type Runner, type SeriesBundle,
} from '../peers/indicatorPeers.js';

/**
 * tickforge's indicator kernels beside technicalindicators, trading-signals, @ixjb94/indicators,
 * indicatorts, tulind and talib (bindings of Tulip and TA-Lib) and the raw TA-Lib and Tulip C
 * kernels, in one run, on one seeded random walk:
 * - N = 1,000,000: one call over the whole walk, median of several calls after warm-up;
 * - N = 1,000: one call per 1,000-bar window, cycling through 1,000 different windows of the
 *   walk so the branch predictor cannot learn one series;
 * - streaming: 10 million `update()` calls of SMA, EMA, RSI and ATR, with the heap before and
 *   after, beside trading-signals (the only peer with streaming classes);
 * - universe: `computeUniverse` over the S&P 500 file, once it exists (section at the end).
 * Every figure is ns per bar (or per update). Inputs are converted to each library's format once,
 * outside the timed region. `--quick` shrinks every size tenfold for development runs.
 */
const quick = process.argv.includes('--quick');
const LARGE = quick ? 100_000 : 1_000_000;
const WINDOW = 1_000;
const WINDOWS = quick ? 100 : 1_000;
/** Timed calls per implementation and case (median reported), after warm-up. */
const RUNS = quick ? 3 : 7;
/**
 * Fresh processes per implementation and indicator (the figure reported is the median of their
 * medians). One process's figure moves by up to 40% with where V8
 * places the kernel's code and with the shared machine's moment, enough to flip a target's
 * verdict; every implementation, the C kernels included, gets the same number of processes.
 * `--processes=N` changes it.
 */
const processesArgument = process.argv.find((argument) => argument.startsWith('--processes='));
const PROCESSES = processesArgument !== undefined ? Math.max(1, Number.parseInt(processesArgument.slice('--processes='.length), 10) || 1) : quick ? 1 : 3;
/** Fewer calls for implementations slower than SLOW_MS per call: their median settles anyway. */
const SLOW_RUNS = 3;
const SLOW_MS = 400;
/** Warm-up before timing: at least this many calls, and at least this long in all. */
const WARM_CALLS = 3;
const WARM_MS = 250;
const SEED = 42;
const SP500_FILE = 'sp500_5yr_daily_2013-2018.csv.gz';

/** ns per bar at N = 1,000,000 from the issue: within 1.25x of the faster raw C kernel. */
const nsTargets: Partial<Record<IndicatorCode, number>> = { SMA: 1.2, EMA: 2.4, RSI: 6.5, MACD: 3, ATR: 2.5, BBANDS: 3, STOCH: 12, ADX: 10.5, OBV: 5.3 };
const JAVASCRIPT_FACTOR = 5;
const C_FACTOR = 1.25;
const STREAM_TARGET_NS = 20;
/** Heap growth allowed over 10 million updates: measurement noise, not a per-update allocation. */
const HEAP_TOLERANCE_BYTES = 64 * 1024;


type Kernel = (...args: unknown[]) => unknown;
type TypedSeries = SeriesBundle['typed'];

/**
 * tickforge's batch calls. Kernels are handed preallocated outputs (`out`, a struct of arrays
 * for multi-output ones; DESIGN.md section 4), as the C kernels' callers do; whether a kernel
 * honours them is checked at load.
 */
interface KernelSpec {
  file: string;
  exportName: string;
  call: (kernel: Kernel, s: TypedSeries, out: unknown) => unknown;
  /** Multi-output kernels: the fields of the output struct, the main output first. */
  fields?: string[];
}

const kernelSpecs: Record<IndicatorCode, KernelSpec> = {
  SMA: { file: 'sma', exportName: 'sma', call: (k, s, out) => k(s.close, p.smaPeriod, out) },
  EMA: { file: 'ema', exportName: 'ema', call: (k, s, out) => k(s.close, p.emaPeriod, out) },
  RSI: { file: 'rsi', exportName: 'rsi', call: (k, s, out) => k(s.close, p.rsiPeriod, out) },
  MACD: {
    file: 'macd', exportName: 'macd', fields: ['macd', 'signal', 'histogram'],
    call: (k, s, out) => k(s.close, p.macd.fast, p.macd.slow, p.macd.signal, out),
  },
  ATR: { file: 'atr', exportName: 'atr', call: (k, s, out) => k(s.high, s.low, s.close, p.atrPeriod, out) },
  // MA types are left to their defaults (SMA, as TA-Lib's), whatever form that parameter takes.
  // The three lines TA-Lib's and Tulip's C kernels compute (`bollingerBands`); `bbands`, which
  // also writes %B and bandwidth (two more 8 MB arrays: memory traffic the C kernels do not
  // have), is measured beside it as 'tickforge (bbands, 5 outputs)'.
  BBANDS: {
    file: 'bbands', exportName: 'bollingerBands', fields: ['upper', 'middle', 'lower'],
    call: (k, s, out) => k(s.close, p.bbands.period, p.bbands.deviations, p.bbands.deviations, undefined, out),
  },
  STOCH: {
    file: 'stoch', exportName: 'stoch', fields: ['slowK', 'slowD'],
    call: (k, s, out) => k(s.high, s.low, s.close, p.stoch.fastK, p.stoch.slowK, undefined, p.stoch.slowD, undefined, out),
  },
  ADX: { file: 'adx', exportName: 'adx', call: (k, s, out) => k(s.high, s.low, s.close, p.adxPeriod, out) },
  OBV: { file: 'obv', exportName: 'obv', call: (k, s, out) => k(s.close, s.volume, out) },
  CDLENGULFING: { file: 'cdlEngulfing', exportName: 'cdlEngulfing', call: (k, s, out) => k(s.open, s.high, s.low, s.close, out) },
};

/** Extra tickforge forms measured beside the main one, under their own implementation name. */
const extraKernelSpecs: Array<{ implementation: string; code: IndicatorCode; spec: KernelSpec }> = [
  {
    implementation: 'tickforge (bbands, 5 outputs)',
    code: 'BBANDS',
    spec: {
      file: 'bbands', exportName: 'bbands', fields: ['upper', 'middle', 'lower', 'percentB', 'bandwidth'],
      call: (k, s, out) => k(s.close, p.bbands.period, p.bbands.deviations, p.bbands.deviations, undefined, out),
    },
  },
];

/** The `out` argument for a kernel: one array, or a struct of them named by `fields`. */
function outArgument(s: SeriesBundle, fields: string[] | undefined): unknown {
  if (fields === undefined) return s.outs[0];
  const out: Record<string, Float64Array> = {};
  fields.forEach((field, index) => (out[field] = s.outs[index]));
  return out;
}

function honoursOut(result: unknown, out: unknown, fields: string[] | undefined): boolean {
  if (fields === undefined) return result === out;
  const got = result as Record<string, unknown>;
  const given = out as Record<string, unknown>;
  return fields.every((field) => got[field] === given[field]);
}

function lastOf(result: unknown, field?: string): number {
  const values = (field === undefined ? result : (result as Record<string, unknown>)[field]) as ArrayLike<number>;
  return values[values.length - 1];
}

/** tickforge's runners: 'tickforge' (fastest documented call) and, for `out` kernels, 'tickforge (new output)'. */
async function loadTickforge(probe: SeriesBundle, notes: string[], only?: IndicatorCode): Promise<Array<{ name: string; runners: Partial<Record<IndicatorCode, Runner>> }>> {
  const main: Partial<Record<IndicatorCode, Runner>> = {};
  const allocating: Partial<Record<IndicatorCode, Runner>> = {};
  const missing: string[] = [];
  for (const code of indicatorCodes) {
    if (only !== undefined && code !== only) continue;
    const spec = kernelSpecs[code];
    const loaded = await loadIndicatorExport(spec.file, spec.exportName);
    if (typeof loaded.value !== 'function') {
      missing.push(`${code} (${loaded.problem ?? `${spec.exportName} is not a function`})`);
      continue;
    }
    const kernel = loaded.value as Kernel;
    const fields = spec.fields;
    const field = fields?.[0];
    let honoured = false;
    try {
      const out = outArgument(probe, fields);
      honoured = honoursOut(spec.call(kernel, probe.typed, out), out, fields);
    } catch (error) {
      notes.push(`tickforge ${code} rejected preallocated outputs (${error instanceof Error ? error.message : String(error)}): measured allocating.`);
    }
    if (honoured) {
      main[code] = (s) => lastOf(spec.call(kernel, s.typed, outArgument(s, fields)), field);
      allocating[code] = (s) => lastOf(spec.call(kernel, s.typed, undefined), field);
    } else {
      notes.push(`tickforge ${code} does not take preallocated outputs in the form this suite passes: measured allocating.`);
      main[code] = (s) => lastOf(spec.call(kernel, s.typed, undefined), field);
    }
  }
  if (missing.length > 0) notes.push(`tickforge kernels not measured (not written yet or not loadable): ${missing.join('; ')}.`);
  const extras = new Map<string, Partial<Record<IndicatorCode, Runner>>>();
  for (const { implementation, code, spec } of extraKernelSpecs) {
    if (only !== undefined && code !== only) continue;
    const loaded = await loadIndicatorExport(spec.file, spec.exportName);
    if (typeof loaded.value !== 'function') continue;
    const kernel = loaded.value as Kernel;
    const runners = extras.get(implementation) ?? {};
    runners[code] = (s) => lastOf(spec.call(kernel, s.typed, outArgument(s, spec.fields)), spec.fields?.[0]);
    extras.set(implementation, runners);
  }
  return [
    { name: 'tickforge', runners: main },
    { name: 'tickforge (new output)', runners: allocating },
    ...[...extras].map(([name, runners]) => ({ name, runners })),
  ];
}

/** Keeps every result alive so no call can be optimised away. */
let sink = 0;

interface Contender {
  implementation: string;
  run: () => number;
}

/**
 * Warm-up (see WARM_CALLS; one call for a slow implementation), then timed calls, each after a full
 * garbage collection, so that no call pays for an earlier call's garbage (whose cost depends on
 * when the collector happens to run: back to back, an allocating call cost from 0.3 to 3 ns/bar
 * more by that alone). The suite calls this in a child process per implementation (see
 * `timeIsolated`), with one contender, so every library and tickforge get the same treatment.
 */
function timeContenders(contenders: Contender[], barsPerCall: number, gc: () => void, notes: string[], label: string): Map<string, { nsPerBar: number; value: number }> {
  const warmMs = new Map<string, number>();
  const values = new Map<string, number>();
  const live: Contender[] = [];
  for (const contender of contenders) {
    try {
      let start = performance.now();
      let value = contender.run();
      let elapsed = performance.now() - start;
      // At least WARM_CALLS calls and WARM_MS of them: at small sizes (`--quick`) two calls
      // ended before the optimizing compiler had finished, and timed unoptimized code.
      for (let calls = 1, spent = elapsed; elapsed < SLOW_MS && (calls < WARM_CALLS || spent < WARM_MS) && calls < 100; calls++, spent += elapsed) {
        start = performance.now();
        value = contender.run();
        elapsed = performance.now() - start;
      }
      warmMs.set(contender.implementation, elapsed);
      values.set(contender.implementation, value);
      live.push(contender);
    } catch (error) {
      notes.push(`${contender.implementation} failed on ${label}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  const samples = new Map<string, number[]>(live.map((contender) => [contender.implementation, []]));
  for (let round = 0; round < RUNS; round++) {
    for (let turn = 0; turn < live.length; turn++) {
      const contender = live[(turn + round) % live.length];
      const wanted = warmMs.get(contender.implementation)! > SLOW_MS ? SLOW_RUNS : RUNS;
      const own = samples.get(contender.implementation)!;
      if (own.length >= wanted) continue;
      gc();
      const start = performance.now();
      sink += contender.run();
      own.push(performance.now() - start);
    }
  }
  const result = new Map<string, { nsPerBar: number; value: number }>();
  for (const [implementation, own] of samples) {
    result.set(implementation, { nsPerBar: (median(own) * 1e6) / barsPerCall, value: values.get(implementation)! });
  }
  return result;
}

type Timing = { nsPerBar: number; value: number };

/** What one child process measured: one implementation of one indicator, both sizes. */
export interface IsolatedTiming {
  large?: Timing;
  windows?: Timing;
  notes: string[];
}

const largeCase = (code: string) => `${code}, N = ${LARGE.toLocaleString('en-US')}`;
const windowCase = (code: string) => `${code}, N = ${WINDOW.toLocaleString('en-US')} (${WINDOWS.toLocaleString('en-US')} windows)`;

/**
 * Times one implementation of one indicator in this process (bench/indicatorChild.ts runs it
 * in a fresh process per implementation): every contender starts from the same state, with no
 * other library's compiled code, heap or freed memory around, and the walk is built the same
 * way in each. Timing them side by side in one process let one library's garbage and memory
 * layout change the next one's figure (allocating an 8 MB output cost 3.5 ns/bar there against
 * 0.4 in a process of its own).
 */
export async function timeIsolated(code: IndicatorCode, implementation: string): Promise<IsolatedTiming> {
  const notes: string[] = [];
  const gc = garbageCollector();
  const walk = randomWalkBars(LARGE, SEED);
  const columns: TypedSeries = { open: walk.open, high: walk.high, low: walk.low, close: walk.close, volume: walk.volume };
  // Only the input formats this implementation reads are built, so that each runs beside its
  // own data only, as in an application: a million candle objects in the heap would make every
  // full collection (which allocating 8 MB outputs triggers now and then) far dearer.
  const typedOnly = implementation.startsWith('tickforge');
  const toArray = (column: Float64Array): number[] => (typedOnly ? [] : Array.from(column));
  const arrays = { open: toArray(walk.open), high: toArray(walk.high), low: toArray(walk.low), close: toArray(walk.close), volume: toArray(walk.volume) };
  const candles: Candle[] =
    implementation === 'trading-signals' ? arrays.close.map((close, i) => ({ open: arrays.open[i], high: arrays.high[i], low: arrays.low[i], close, volume: arrays.volume[i] })) : [];
  const [whole] = bundles(columns, arrays, candles, [[0, LARGE]]);
  const windows = bundles(columns, arrays, candles, Array.from({ length: WINDOWS }, (_, w): [number, number] => [w * WINDOW, (w + 1) * WINDOW]));
  const implementations = implementation.startsWith('tickforge') ? await loadTickforge(whole, notes, code) : loadIndicatorPeers(notes);
  const runner = implementations.find((candidate) => candidate.name === implementation)?.runners[code];
  if (runner === undefined) return { notes: [...notes, `${implementation} has no ${code} runner in the timing process.`] };
  const large = timeContenders([{ implementation, run: () => runner(whole) }], LARGE, gc, notes, largeCase(code)).get(implementation);
  const windowed = timeContenders(
    [
      {
        implementation,
        run: () => {
          let total = 0;
          for (const window of windows) total += runner(window);
          return total;
        },
      },
    ],
    WINDOWS * WINDOW,
    gc,
    notes,
    windowCase(code),
  ).get(implementation);
  return { large, windows: windowed, notes };
}

const childScript = fileURLToPath(new URL('../indicatorChild.ts', import.meta.url));

/** `timeIsolated` in a fresh Node process (the same loader flags as this one, i.e. tsx). */
function timeInChild(code: IndicatorCode, implementation: string): IsolatedTiming {
  const args = [...process.execArgv, childScript, code, implementation, ...(quick ? ['--quick'] : [])];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 900_000, maxBuffer: 64 * 1024 * 1024 });
  const lastLine = (child.stdout ?? '').trim().split('\n').pop() ?? '';
  if (child.error || child.status !== 0 || !lastLine.startsWith('{')) {
    const why = child.error?.message ?? (child.stderr ?? '').trim().split('\n').slice(-3).join(' | ');
    return { notes: [`${implementation} ${code}: its timing process failed (${why || `exit ${child.status}`}).`] };
  }
  return JSON.parse(lastLine) as IsolatedTiming;
}

/** Each library's formats of bars [start, end) of the walk, built once. */
function bundles(
  columns: TypedSeries,
  arrays: SeriesBundle['arrays'],
  candles: Candle[],
  ranges: Array<[number, number]>,
): SeriesBundle[] {
  const outs = new Map<number, SeriesBundle['outs']>();
  return ranges.map(([start, end]) => {
    const length = end - start;
    // As many as the widest output struct (Bollinger: upper, middle, lower, %B, bandwidth).
    if (!outs.has(length)) outs.set(length, Array.from({ length: 5 }, () => new Float64Array(length)));
    return {
      length,
      typed: {
        open: columns.open.subarray(start, end), high: columns.high.subarray(start, end), low: columns.low.subarray(start, end),
        close: columns.close.subarray(start, end), volume: columns.volume.subarray(start, end),
      },
      arrays: {
        open: arrays.open.slice(start, end), high: arrays.high.slice(start, end), low: arrays.low.slice(start, end),
        close: arrays.close.slice(start, end), volume: arrays.volume.slice(start, end),
      },
      candles: candles.slice(start, end),
      outs: outs.get(length)!,
    };
  });
}

/** The timing with the median ns/bar of several processes (the upper middle one of an even count). */
function medianTiming(timings: readonly Timing[]): Timing | undefined {
  if (timings.length === 0) return undefined;
  return [...timings].sort((a, b) => a.nsPerBar - b.nsPerBar)[timings.length >> 1];
}

/** One result per C kernel and indicator: the round with the median ns/bar. */
function medianNativeResults(rounds: readonly NativeResult[]): NativeResult[] {
  const groups = new Map<string, NativeResult[]>();
  for (const result of rounds) {
    const key = `${result.implementation}\u0000${result.indicator}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [result]);
    else group.push(result);
  }
  return [...groups.values()].map((group) => [...group].sort((a, b) => a.nsPerBar - b.nsPerBar)[group.length >> 1]);
}

function agreementNote(code: IndicatorCode, values: Map<string, number>): string | undefined {
  const referenceName = values.has('talib') ? 'talib' : values.has('tickforge') ? 'tickforge' : undefined;
  if (referenceName === undefined || values.size < 2) return undefined;
  const reference = values.get(referenceName)!;
  const agree: string[] = [];
  const differ: string[] = [];
  for (const [name, value] of values) {
    if (name === referenceName) continue;
    const close = Math.abs(value - reference) <= 1e-6 * Math.max(1, Math.abs(reference));
    (close ? agree : differ).push(close ? name : `${name} ${Number(value.toPrecision(8))}`);
  }
  return (
    `${code} last value at N = ${LARGE.toLocaleString('en-US')}: ${referenceName} ${Number(reference.toPrecision(8))}; ` +
    `agree within 1e-6: ${agree.join(', ') || 'none'}; differ: ${differ.join(', ') || 'none'}.`
  );
}


export const run: Suite = async (context) => {
  const notes: string[] = [];
  const measurements: BenchMeasurement[] = [];
  const targets: BenchTarget[] = [];
  const gc = garbageCollector();
  const loadAtStart = loadavg()[0];
  if (quick) notes.push(`QUICK RUN (--quick): N = ${LARGE}, ${WINDOWS} windows, ${RUNS} runs; not the issue's figures.`);

  const walk = randomWalkBars(LARGE, SEED);
  const columns: TypedSeries = { open: walk.open, high: walk.high, low: walk.low, close: walk.close, volume: walk.volume };
  const arrays = { open: Array.from(walk.open), high: Array.from(walk.high), low: Array.from(walk.low), close: Array.from(walk.close), volume: Array.from(walk.volume) };
  const candles: Candle[] = arrays.close.map((close, i) => ({ open: arrays.open[i], high: arrays.high[i], low: arrays.low[i], close, volume: arrays.volume[i] }));
  const [whole] = bundles(columns, arrays, candles, [[0, LARGE]]);
  context.log(`indicators: random walk of ${LARGE} bars (seed ${SEED}); ${WINDOWS} windows of ${WINDOW} bars`);

  // Loaded here for their names, the indicators they cover and the load notes; the timing is
  // done by one child process per implementation and indicator (`timeInChild`).
  const peers = loadIndicatorPeers(notes);
  const implementations = [...(await loadTickforge(whole, notes)), ...peers];
  const javascriptLibraries = new Set(peers.filter((peer) => peer.javascript).map((peer) => peer.name));
  const large = new Map<IndicatorCode, Map<string, Timing>>();
  const childNotes = new Set<string>();
  // The raw C kernels of each indicator run right after tickforge's own timing of it, so that
  // the shared machine's drift in speed over the suite's minutes affects both sides of the
  // ratio alike.
  const native = prepareNativeKernels(columns, context.log);
  // Every round of the C kernels (one after each of tickforge's processes); the median per kernel is reported.
  const nativeRounds: NativeResult[] = [];

  for (const code of indicatorCodes) {
    const timed = new Map<string, Timing>();
    const windowed = new Map<string, Timing>();
    for (const implementation of implementations.filter((candidate) => candidate.runners[code] !== undefined)) {
      const larges: Timing[] = [];
      const windows: Timing[] = [];
      for (let round = 0; round < PROCESSES; round++) {
        const result = timeInChild(code, implementation.name);
        for (const note of result.notes) if (!notes.includes(note)) childNotes.add(note);
        if (result.large !== undefined) larges.push(result.large);
        if (result.windows !== undefined) windows.push(result.windows);
        if (implementation.name === 'tickforge' && native.run !== undefined) nativeRounds.push(...native.run(RUNS, code));
      }
      const middle = medianTiming(larges);
      if (middle !== undefined) timed.set(implementation.name, middle);
      const middleWindows = medianTiming(windows);
      if (middleWindows !== undefined) windowed.set(implementation.name, middleWindows);
    }
    large.set(code, timed);
    for (const [implementation, { nsPerBar }] of timed) {
      measurements.push({ case: largeCase(code), implementation, metric: 'ns/bar', value: nsPerBar, unit: 'ns/bar', better: 'lower' });
    }
    for (const [implementation, { nsPerBar }] of windowed) {
      measurements.push({ case: windowCase(code), implementation, metric: 'ns/bar', value: nsPerBar, unit: 'ns/bar', better: 'lower' });
    }
    const agreement = agreementNote(code, new Map([...timed].filter(([name]) => name === 'tickforge' || !name.startsWith('tickforge')).map(([name, { value }]) => [name, value])));
    if (agreement) notes.push(agreement);
    context.log(`indicators: ${code} done (N = ${LARGE.toLocaleString('en-US')} and ${WINDOWS.toLocaleString('en-US')} windows of ${WINDOW})`);
  }
  notes.push(...childNotes);

  native.dispose();
  notes.push(...native.notes);
  const nativeResults = medianNativeResults(nativeRounds);
  const fastestC = new Map<IndicatorCode, { name: string; nsPerBar: number }>();
  for (const result of nativeResults) {
    const code = result.indicator as IndicatorCode;
    measurements.push({ case: largeCase(code), implementation: result.implementation, metric: 'ns/bar', value: result.nsPerBar, unit: 'ns/bar', better: 'lower' });
    const best = fastestC.get(code);
    if (best === undefined || result.nsPerBar < best.nsPerBar) fastestC.set(code, { name: result.implementation, nsPerBar: result.nsPerBar });
  }

  for (const code of indicatorCodes) {
    const timed = large.get(code)!;
    const ours = timed.get('tickforge');
    if (ours === undefined) continue;
    const limit = nsTargets[code];
    if (limit !== undefined) {
      targets.push({ description: `${code} at N = ${LARGE.toLocaleString('en-US')}`, measured: ours.nsPerBar, unit: 'ns/bar', target: limit, met: ours.nsPerBar <= limit });
    }
    // Against the libraries, which all allocate their results, tickforge allocating too.
    const comparable = timed.get('tickforge (new output)') ?? ours;
    const javascript = [...timed].filter(([name]) => javascriptLibraries.has(name)).sort((a, b) => a[1].nsPerBar - b[1].nsPerBar)[0];
    if (javascript !== undefined) {
      const ratio = javascript[1].nsPerBar / comparable.nsPerBar;
      targets.push({
        description:
          `${code} at N = ${LARGE.toLocaleString('en-US')}: times faster than the fastest JavaScript library ` +
          `(${javascript[0]}, ${javascript[1].nsPerBar.toPrecision(3)} ns/bar; tickforge allocating its output, ${comparable.nsPerBar.toPrecision(3)} ns/bar)`,
        measured: ratio, unit: 'x', target: JAVASCRIPT_FACTOR, met: ratio >= JAVASCRIPT_FACTOR,
      });
    }
    const c = fastestC.get(code);
    if (c !== undefined) {
      const ratio = ours.nsPerBar / c.nsPerBar;
      targets.push({
        description: `${code} at N = ${LARGE.toLocaleString('en-US')}: tickforge time / the faster raw C kernel (${c.name}, ${c.nsPerBar.toPrecision(3)} ns/bar, this run)`,
        measured: ratio, unit: 'x', target: C_FACTOR, met: ratio <= C_FACTOR,
      });
    }
  }

  const streaming = await measureStreaming(await streamCases(columns, candles, notes), LARGE, gc, context.log);
  const updates = (STREAM_PASSES * LARGE).toLocaleString('en-US');
  for (const row of streaming) {
    const caseName = `${row.indicator} streaming update()`;
    measurements.push({ case: caseName, implementation: row.implementation, metric: 'ns/update', value: row.nsPerUpdate, unit: 'ns/update', better: 'lower' });
    notes.push(
      `${caseName}, ${row.implementation}: heap ${row.heapGrowth >= 0 ? '+' : ''}${row.heapGrowth} bytes after GC over ${updates} updates; ` +
        `${row.collections} garbage collections during them (0 means it allocated less than the young generation holds).`,
    );
    if (row.implementation !== 'tickforge') continue;
    targets.push({ description: `${row.indicator} streaming update()`, measured: row.nsPerUpdate, unit: 'ns/update', target: STREAM_TARGET_NS, met: row.nsPerUpdate < STREAM_TARGET_NS });
    targets.push({
      description: `${row.indicator} streaming: heap growth after GC over ${updates} updates (no growth; ${HEAP_TOLERANCE_BYTES} bytes of noise allowed)`,
      measured: row.heapGrowth, unit: 'bytes', target: HEAP_TOLERANCE_BYTES, met: row.heapGrowth < HEAP_TOLERANCE_BYTES,
    });
  }

  const universe = await measureUniverse(context, gc, SP500_FILE);
  measurements.push(...universe.measurements);
  targets.push(...universe.targets);
  notes.push(...universe.notes);

  notes.push(
    `method: seeded random walk (test/randomWalk.ts, seed ${SEED}); every implementation of every indicator timed in a fresh Node process of its own (bench/indicatorChild.ts), ` +
      'each timed call after a full garbage collection, peers and tickforge alike; the raw C kernels of each indicator (bench/native/kernels.c) timed right after each of tickforge\'s own timings of it; ' +
      `each implementation timed in ${PROCESSES} such process${PROCESSES === 1 ? '' : 'es'} (the C kernels as many times), the median of their figures reported; ` +
      `N = ${LARGE.toLocaleString('en-US')}: median of ${RUNS} calls (${SLOW_RUNS} for implementations over ${SLOW_MS} ms a call) after warm-up; ` +
      `N = ${WINDOW}: each call runs all ${WINDOWS} consecutive ${WINDOW}-bar windows of the walk, median of as many passes. Inputs converted once outside the timed region ` +
      '(Float64Array for tickforge, plain arrays for the libraries and the bindings, candle objects for trading-signals). ' +
      "'tickforge' writes into preallocated outputs (`out`, as the C callers do), 'tickforge (new output)' lets each kernel allocate its outputs, as the JavaScript libraries do. " +
      "BBANDS 'tickforge' is `bollingerBands` (upper, middle, lower: what TA-Lib's and Tulip's kernels compute); 'tickforge (bbands, 5 outputs)' is `bbands`, which also writes %B and bandwidth.",
    `parameters: SMA ${p.smaPeriod}, EMA ${p.emaPeriod}, RSI ${p.rsiPeriod}, MACD ${p.macd.fast}/${p.macd.slow}/${p.macd.signal}, ATR ${p.atrPeriod}, BBANDS ${p.bbands.period} x ${p.bbands.deviations}, ` +
      `STOCH ${p.stoch.fastK}/${p.stoch.slowK}/${p.stoch.slowD} (SMA), ADX ${p.adxPeriod}. Definitions differ between libraries (see the last-value notes): ` +
      'technicalindicators and indicatorts have no %K slowing, indicatorts ATR is a simple average, ixjb94 ADX takes high and low only, Tulip EMA seeds with the first value, TA-Lib OBV starts at the first volume. ' +
      'No JavaScript library offers a batch CDLENGULFING (technicalindicators checks one window at a time), so only TA-Lib is its peer.',
    `"JavaScript library" in the 5x targets means ${[...javascriptLibraries].join(', ')}; talib and tulind are bindings to C and have their own ratios. ` +
      "The 5x targets compare 'tickforge (new output)' (allocating, like the libraries); the ns/bar and raw-C targets compare 'tickforge' (preallocated outputs, like the C callers).",
  );
  notes.push(
    `machine load (1-minute average) ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end: ` +
      'figures taken while other processes compete for the cores are inflated; the ratios, measured side by side, suffer less.',
  );
  if (sink + streamingSink() === 0.123456789) notes.push('');
  return { suite: 'indicators', measurements, targets, notes };
};
