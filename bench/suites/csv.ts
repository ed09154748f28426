import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse as csvParse } from 'csv-parse/sync';
import Papa from 'papaparse';
import { BarsBuilder } from '../../src/core/BarsBuilder.js';
import { Timeframe } from '../../src/core/Timeframe.js';
import type { Bars } from '../../src/core/Bars.js';
import { parseCsvBars, readCsvBars } from '../../src/data/csv/readCsvBars.js';
import { garbageCollector } from '../garbageCollector.js';
import type { BenchMeasurement, BenchTarget, Suite } from '../harness.js';
import { median } from '../median.js';

/**
 * CSV -> Bars on the S&P 500 file (619,040 rows, 505 symbols): tickforge's reader against
 * csv-parse (sync API) and papaparse, each producing the same result, per-symbol Float64Array
 * columns. The file is decompressed once up front and every implementation parses the same
 * bytes, so gunzip is in none of the compared times; tickforge's end-to-end streaming read of
 * the .gz file (gunzip included) is reported on its own, with its peak memory.
 */
const FILE = 'sp500_5yr_daily_2013-2018.csv.gz';
const ROWS = 619_040;
const RAW_NUMBER_BYTES = ROWS * 6 * 8;
const ITERATIONS = 5;
const DAILY = Timeframe.of('1d');

/** What both peers do after their parse: rows of strings to per-symbol columns. */
function columnsFromRows(rows: string[][], start: number): Bars[] {
  const builders = new Map<string, BarsBuilder>();
  const number = (text: string) => (text === '' ? NaN : Number(text));
  let current: BarsBuilder | undefined;
  let currentSymbol = '';
  for (let i = start; i < rows.length; i++) {
    const row = rows[i];
    if (row.length < 7) continue;
    const symbol = row[6];
    if (current === undefined || symbol !== currentSymbol) {
      current = builders.get(symbol);
      if (current === undefined) builders.set(symbol, (current = new BarsBuilder(symbol)));
      currentSymbol = symbol;
    }
    current.push(Date.parse(row[0]), number(row[1]), number(row[2]), number(row[3]), number(row[4]), number(row[5]));
  }
  return [...builders.values()].map((builder) => builder.build(DAILY));
}

function checksum(tables: readonly Bars[]): string {
  let rows = 0;
  let sum = 0;
  for (const bars of tables) {
    rows += bars.length;
    for (let i = 0; i < bars.length; i++) sum += bars.time[i] / 1e9 + (bars.close[i] || 0) + (bars.volume[i] || 0) / 1e6;
  }
  return `${tables.length} symbols, ${rows} rows, checksum ${sum.toFixed(3)}`;
}

export const run: Suite = async (context) => {
  const notes: string[] = [];
  if (context.sharedDataDir === undefined) {
    return { suite: 'csv', measurements: [], targets: [], notes: [`../shared/data is absent: the csv suite needs ${FILE}; nothing was measured.`] };
  }
  const path = join(context.sharedDataDir, FILE);
  const gc = garbageCollector();

  // Peak memory first, on a quiet heap: sampled at every chunk of the streaming read.
  gc();
  const used = () => {
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.external;
  };
  const baseline = used();
  const baselineRss = process.memoryUsage().rss;
  let peak = baseline;
  let peakRss = baselineRss;
  const sample = () => {
    peak = Math.max(peak, used());
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  const streamed = await readCsvBars(path, { onProgress: sample });
  sample();
  const peakExtra = peak - baseline;
  const retained = (() => {
    gc();
    return used() - baseline;
  })();
  notes.push(
    `tickforge streaming read of ${FILE}: peak heap+external above baseline ${(peakExtra / 2 ** 20).toFixed(1)} MB ` +
      `(${(peakExtra / RAW_NUMBER_BYTES).toFixed(2)}x the ${(RAW_NUMBER_BYTES / 2 ** 20).toFixed(1)} MB of raw numbers, ${ROWS} rows x 6 x 8 bytes); ` +
      `retained after GC ${(retained / 2 ** 20).toFixed(1)} MB; RSS grew ${((peakRss - baselineRss) / 2 ** 20).toFixed(1)} MB (RSS includes freed pages not yet returned).`,
  );
  if (streamed.rows !== ROWS) notes.push(`WARNING: tickforge read ${streamed.rows} rows, expected ${ROWS}.`);

  const raw = gunzipSync(readFileSync(path));
  context.log(`csv: ${FILE} decompressed once: ${(raw.length / 2 ** 20).toFixed(1)} MB, ${ROWS} rows`);
  const implementations: Array<{ name: string; parse: () => Bars[] }> = [
    { name: 'tickforge', parse: () => parseCsvBars(raw, { file: FILE }).tables.map((table) => table.bars) },
    { name: 'csv-parse', parse: () => columnsFromRows(csvParse(raw, { relax_column_count: true }) as string[][], 1) },
    { name: 'papaparse', parse: () => columnsFromRows(Papa.parse<string[]>(raw.toString('utf8'), { skipEmptyLines: true }).data, 1) },
  ];
  const times = new Map<string, number[]>(implementations.map((impl) => [impl.name, []]));
  const checks = new Map<string, string>();
  // One warm-up round, then rounds that run every implementation in turn (drift hits all alike).
  for (let round = 0; round <= ITERATIONS; round++) {
    for (const implementation of implementations) {
      gc();
      const start = performance.now();
      const tables = implementation.parse();
      const elapsed = performance.now() - start;
      if (round === 0) checks.set(implementation.name, checksum(tables));
      else times.get(implementation.name)!.push(elapsed);
    }
    context.log(`csv: round ${round}${round === 0 ? ' (warm-up)' : ''} done`);
  }
  const reference = checks.get('tickforge')!;
  for (const [name, check] of checks) {
    if (check !== reference) notes.push(`WARNING: ${name} produced ${check}, tickforge ${reference}.`);
  }
  notes.push(`all three produce the same per-symbol columns: ${reference}.`);
  notes.push(`gunzip is excluded: ${FILE} is decompressed once up front and each implementation parses the same ${(raw.length / 2 ** 20).toFixed(1)} MB; ${ITERATIONS} timed rounds after a warm-up, median reported.`);
  notes.push('peers: csv-parse sync parse(buffer) and papaparse Papa.parse(string) (the string decode is in its time), then Number() / Date.parse into per-symbol BarsBuilder columns.');

  const measurements: BenchMeasurement[] = [];
  const caseName = 'S&P 500 daily CSV -> Bars (619,040 rows)';
  for (const [name, samples] of times) {
    const ms = median(samples);
    measurements.push({ case: caseName, implementation: name, metric: 'median time', value: ms, unit: 'ms', better: 'lower' });
    measurements.push({ case: caseName, implementation: name, metric: 'throughput', value: ROWS / (ms / 1000), unit: 'rows/s', better: 'higher' });
  }

  const endToEnd: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    gc();
    const start = performance.now();
    await readCsvBars(path);
    endToEnd.push(performance.now() - start);
  }
  const endToEndMs = median(endToEnd);
  measurements.push({ case: 'S&P 500 .csv.gz file -> Bars, streaming with gunzip', implementation: 'tickforge', metric: 'median time', value: endToEndMs, unit: 'ms', better: 'lower' });
  measurements.push({ case: 'S&P 500 .csv.gz file -> Bars, streaming with gunzip', implementation: 'tickforge', metric: 'throughput', value: ROWS / (endToEndMs / 1000), unit: 'rows/s', better: 'higher' });
  measurements.push({ case: 'S&P 500 .csv.gz file -> Bars, streaming with gunzip', implementation: 'tickforge', metric: 'peak extra memory', value: peakExtra / 2 ** 20, unit: 'MB', better: 'lower' });

  const ours = median(times.get('tickforge')!);
  const targets: BenchTarget[] = ['csv-parse', 'papaparse'].map((peer) => {
    const ratio = median(times.get(peer)!) / ours;
    return { description: `tickforge CSV -> Bars at least 2x faster than ${peer}`, measured: ratio, unit: 'x', target: 2, met: ratio >= 2 };
  });
  const memoryRatio = peakExtra / RAW_NUMBER_BYTES;
  targets.push({ description: 'tickforge peak extra memory reading the S&P 500 file under 3x the raw numbers', measured: memoryRatio, unit: 'x raw', target: 3, met: memoryRatio < 3 });
  return { suite: 'csv', measurements, targets, notes };
};
