import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One measured figure: an implementation (tickforge or a peer) on one case. */
export interface BenchMeasurement {
  case: string;
  implementation: string;
  metric: string;
  value: number;
  unit: string;
  /** Which direction is better, so ratios read "x times better" either way. */
  better: 'lower' | 'higher';
}

/** A target from the issue tracker, checked against a measurement of this run. */
export interface BenchTarget {
  description: string;
  measured: number;
  unit: string;
  target: number;
  met: boolean;
}

export interface SuiteResult {
  suite: string;
  measurements: BenchMeasurement[];
  targets: BenchTarget[];
  notes: string[];
}

export interface BenchContext {
  /** Absolute path of ../shared/data, or undefined when it is absent (a user's clone). */
  sharedDataDir: string | undefined;
  log: (line: string) => void;
}

export type Suite = (context: BenchContext) => Promise<SuiteResult>;

const here = dirname(fileURLToPath(import.meta.url));
export const resultsDir = join(here, 'results');

/** Ratios of every peer to tickforge on the same case and metric, from one run. */
export function ratios(result: SuiteResult): Array<{ case: string; metric: string; peer: string; ratio: number }> {
  const rows: Array<{ case: string; metric: string; peer: string; ratio: number }> = [];
  for (const ours of result.measurements.filter((m) => m.implementation === 'tickforge')) {
    for (const peer of result.measurements) {
      if (peer.implementation === 'tickforge' || peer.case !== ours.case || peer.metric !== ours.metric) continue;
      const ratio = ours.better === 'lower' ? peer.value / ours.value : ours.value / peer.value;
      rows.push({ case: ours.case, metric: ours.metric, peer: peer.implementation, ratio });
    }
  }
  return rows;
}

export function writeResult(result: SuiteResult): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${result.suite}.json`);
  const payload = {
    ...result,
    ratios: ratios(result),
    machine: { node: process.version, platform: process.platform, arch: process.arch },
    measuredAt: new Date().toISOString(),
  };
  writeFileSync(file, JSON.stringify(payload, null, 2) + '\n');
  return file;
}

export function printResult(result: SuiteResult, log: (line: string) => void = console.log): void {
  log(`\n== ${result.suite} ==`);
  const table = result.measurements.map((m) => ({
    case: m.case, implementation: m.implementation, metric: m.metric, value: Number(m.value.toPrecision(4)), unit: m.unit,
  }));
  console.table(table);
  const ratioRows = ratios(result);
  if (ratioRows.length > 0) {
    log('tickforge vs peers (ratio > 1 means tickforge is better):');
    console.table(ratioRows.map((r) => ({ ...r, ratio: `${r.ratio.toFixed(2)}x` })));
  }
  for (const target of result.targets) {
    log(`${target.met ? 'MET ' : 'MISS'} ${target.description}: ${Number(target.measured.toPrecision(4))} ${target.unit} (target ${target.target} ${target.unit})`);
  }
  for (const note of result.notes) log(`note: ${note}`);
}
