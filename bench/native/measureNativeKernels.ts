import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The raw C reference: builds bench/native/kernels.c with `cc -O2` against TA-Lib's and Tulip's
 * C sources as they ship inside node_modules/talib and node_modules/tulind, runs it on the
 * suite's own random walk and returns its figures. Build outputs go to bench/native/build
 * (git-ignored). Every step that cannot run (no compiler, a library absent) becomes a note.
 */
export interface NativeResult {
  implementation: 'ta-lib C' | 'tulip C';
  indicator: string;
  nsPerBar: number;
  last: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const buildDir = join(here, 'build');
/** TA-Lib's kernels for the measured indicators and everything they call (MA types, stddev, true range). */
const taLibFunctions = [
  'SMA', 'EMA', 'RSI', 'MACD', 'ATR', 'BBANDS', 'STOCH', 'ADX', 'OBV', 'CDLENGULFING',
  'MA', 'DEMA', 'TEMA', 'WMA', 'TRIMA', 'KAMA', 'MAMA', 'T3', 'STDDEV', 'VAR', 'TRANGE', 'utility',
];

function packageDir(name: string): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}

function compile(args: string[]): { ok: boolean; error: string } {
  const result = spawnSync('cc', args, { encoding: 'utf8' });
  if (result.error) return { ok: false, error: result.error.message };
  const errors = (result.stderr ?? '').split('\n').filter((line) => /error/i.test(line)).slice(0, 3).join(' | ');
  return { ok: result.status === 0, error: errors || `cc exited with ${result.status}` };
}

export function measureNativeKernels(
  columns: { open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array; volume: Float64Array },
  runs: number,
  log: (line: string) => void,
): { results: NativeResult[]; notes: string[] } {
  const prepared = prepareNativeKernels(columns, log);
  const results = prepared.run === undefined ? [] : prepared.run(runs);
  prepared.dispose();
  return { results, notes: prepared.notes };
}

/**
 * Builds the C benchmark and writes the walk once; `run(runs, indicator?)` then times all the
 * kernels, or one indicator's (TA-Lib's and Tulip's), as often as the caller wants: the suite
 * runs each indicator's right after its JavaScript implementations. `run` is absent when
 * nothing could be built (the notes say why); failures of a run come back as `notes` entries.
 */
export function prepareNativeKernels(
  columns: { open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array; volume: Float64Array },
  log: (line: string) => void,
): { notes: string[]; run?: (runs: number, indicator?: string) => NativeResult[]; dispose: () => void } {
  const notes: string[] = [];
  const nothing = { notes, dispose: () => {} };
  const probe = spawnSync('cc', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    notes.push('no C compiler (`cc`) on this machine: the raw TA-Lib and Tulip C kernels were not measured.');
    return nothing;
  }
  mkdirSync(buildDir, { recursive: true });
  const compilerName = probe.stdout.split('\n')[0];
  const sources = [join(here, 'kernels.c')];
  const flags = ['-O2'];
  const objects: string[] = [];

  const tulipDir = packageDir('tulind');
  const tulipSource = tulipDir && join(tulipDir, 'external', 'tiamalgamation.c');
  if (tulipSource && existsSync(tulipSource)) {
    const object = join(buildDir, 'tulip.o');
    const built = compile(['-O2', '-c', tulipSource, '-I', dirname(tulipSource), '-o', object]);
    if (built.ok) {
      flags.push('-DHAVE_TULIP', '-I', dirname(tulipSource));
      objects.push(object);
    } else notes.push(`Tulip's C source did not compile (${built.error}): 'tulip C' not measured.`);
  } else notes.push("Tulip's C source (node_modules/tulind/external/tiamalgamation.c) is absent: 'tulip C' not measured.");

  const talibDir = packageDir('talib');
  const talibLib = talibDir && join(talibDir, 'src', 'lib');
  let talibArgs: string[] | undefined;
  if (talibLib && existsSync(join(talibLib, 'include', 'ta_libc.h'))) {
    const include = ['-DHAVE_TALIB', '-DTA_SINGLE_THREAD', '-I', join(talibLib, 'include'), '-I', join(talibLib, 'src', 'ta_common'), '-I', join(talibLib, 'src', 'ta_func')];
    const functionSources = taLibFunctions.map((name) => join(talibLib, 'src', 'ta_func', `ta_${name}.c`));
    const commonSources = ['ta_global.c', 'ta_version.c'].map((file) => join(talibLib, 'src', 'ta_common', file));
    // Preferred: TA-Lib's own sources at -O2, like Tulip's; else the static library its binding built.
    const candidates = [
      { how: 'compiled from its C sources', args: [...include, ...functionSources, ...commonSources] },
      { how: "linked from the binding's static library", args: [...include, join(talibLib, 'lib', 'libta_libc_csr.a')] },
    ];
    for (const candidate of candidates) {
      const trial = compile([...flags, ...candidate.args, ...sources, ...objects, '-lm', '-o', join(buildDir, 'kernels')]);
      if (trial.ok) {
        talibArgs = candidate.args;
        notes.push(`raw C: TA-Lib ${candidate.how} (node_modules/talib/src/lib), Tulip from node_modules/tulind/external/tiamalgamation.c, ${compilerName}, -O2.`);
        break;
      }
      notes.push(`TA-Lib ${candidate.how} failed to build: ${trial.error}`);
    }
    if (talibArgs === undefined) notes.push("'ta-lib C' not measured.");
  } else notes.push("TA-Lib's C sources (node_modules/talib/src/lib) are absent: 'ta-lib C' not measured.");

  const binary = join(buildDir, 'kernels');
  if (talibArgs === undefined) {
    if (objects.length === 0) return nothing;
    const built = compile([...flags, ...sources, ...objects, '-lm', '-o', binary]);
    if (!built.ok) {
      notes.push(`the C benchmark did not build: ${built.error}`);
      return nothing;
    }
  }

  // The very same walk the JavaScript implementations get, as five raw float64 columns.
  const walkFile = join(buildDir, 'walk.f64');
  const order = [columns.open, columns.high, columns.low, columns.close, columns.volume];
  writeFileSync(walkFile, Buffer.concat(order.map((column) => Buffer.from(column.buffer, column.byteOffset, column.byteLength))));
  const run = (runs: number, indicator?: string): NativeResult[] => {
    log(`indicators: running the raw C kernels${indicator === undefined ? '' : ` of ${indicator}`} (${columns.close.length} bars, ${runs} runs each)`);
    const args = [walkFile, String(columns.close.length), String(runs), ...(indicator === undefined ? [] : [indicator])];
    const child = spawnSync(binary, args, { encoding: 'utf8', timeout: 600_000 });
    if (child.error || child.status !== 0) {
      notes.push(`the C benchmark failed${indicator === undefined ? '' : ` on ${indicator}`}: ${child.error?.message ?? child.stderr}`);
      return [];
    }
    return (JSON.parse(child.stdout) as { results: NativeResult[] }).results;
  };
  return { notes, run, dispose: () => rmSync(walkFile, { force: true }) };
}
