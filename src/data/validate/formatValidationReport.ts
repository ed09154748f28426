import { validationRules, type ValidationIssue, type ValidationReport } from './ValidationReport.js';

const ruleLabels: Record<(typeof validationRules)[number], string> = {
  'time-not-finite': 'time missing or not finite',
  'time-not-aligned': 'time not on the timeframe grid',
  'price-not-finite': 'open/high/low/close missing or not finite',
  'volume-not-finite': 'volume missing or not finite',
  'high-below-low': 'high < low',
  'high-below-open-close': 'high < max(open, close)',
  'low-above-open-close': 'low > min(open, close)',
  'negative-volume': 'volume < 0',
};

export interface FormatValidationReportOptions {
  /** Sample rows printed per kind (default 3; the JSON report keeps more). */
  samples?: number;
}

/**
 * A multi-line summary for the CLI: a headline, then only the lines whose counts are not zero.
 * The same facts are in `JSON.stringify(report)` for machines.
 */
export function formatValidationReport(report: ValidationReport, options: FormatValidationReportOptions = {}): string {
  const sampleCount = options.samples ?? 3;
  const lines: string[] = [];
  const source = report.file !== null ? ` (${report.file})` : '';
  const span = report.firstTime !== null ? `, ${report.firstTime} .. ${report.lastTime}` : '';
  lines.push(`${report.symbol} ${report.timeframe}${source}: ${count(report.inputRows)} rows in, ${count(report.outputRows)} out${span}`);

  if (report.invalidRows > 0) {
    lines.push(`  invalid rows: ${count(report.invalidRows)}`);
    for (const rule of validationRules) {
      if (report.rules[rule] > 0) lines.push(`    ${ruleLabels[rule]}: ${count(report.rules[rule])}`);
    }
    pushSamples(lines, report.samples.invalid, sampleCount);
  }
  if (report.backwardSteps > 0) {
    lines.push(`  times going backwards: ${count(report.backwardSteps)}`);
    pushSamples(lines, report.samples.unsorted, sampleCount);
  }
  const duplicates = report.duplicates;
  if (duplicates.times > 0) {
    const parts = [`${count(duplicates.conflicting)} with conflicting values`, `${count(duplicates.identical)} identical`];
    if (duplicates.conflictingPrices > 0) parts.push(`${count(duplicates.conflictingPrices)} with conflicting prices`);
    if (duplicates.largestCloseDifference > 0) parts.push(`closes differ by up to ${percent(duplicates.largestCloseDifference)}`);
    lines.push(`  duplicated times: ${count(duplicates.times)} (${count(duplicates.extraRows)} extra rows; ${parts.join(', ')})`);
    pushSamples(lines, report.samples.duplicate, sampleCount);
  }

  const repairs = report.repairs;
  if (repairs.sortedRows > 0) lines.push(`  repaired: sorted by time, ${count(repairs.sortedRows)} rows moved`);
  if (repairs.droppedInvalid > 0) lines.push(`  repaired: dropped ${count(repairs.droppedInvalid)} invalid rows (--on-invalid ${report.policy.onInvalid})`);
  if (repairs.fixedBounds > 0) lines.push(`  repaired: widened high/low on ${count(repairs.fixedBounds)} rows (--on-invalid fix)`);
  if (repairs.keptInvalid > 0) lines.push(`  kept ${count(repairs.keptInvalid)} invalid rows unchanged (--on-invalid keep)`);
  if (repairs.droppedDuplicates > 0) {
    lines.push(`  repaired: dropped ${count(repairs.droppedDuplicates)} duplicated rows, kept the ${report.policy.onDuplicate} of each time`);
  }

  const gaps = report.gaps;
  if (gaps.count > 0) {
    const basis = gaps.basis === 'weekdays' ? ' (weekdays only; exchange holidays count)' : gaps.basis === 'sessions' ? ' (against the session calendar)' : '';
    lines.push(`  gaps${basis}: ${count(gaps.count)}, ${count(gaps.missingBars)} missing bars`);
    for (const gap of gaps.largest) lines.push(`    ${gap.from} -> ${gap.to}: ${count(gap.missingBars)} missing`);
  }
  if (report.spikes.count > 0) {
    lines.push(`  possible bad prints (outside ${report.spikes.factor}x of neighbouring prices; reported, not changed): ${count(report.spikes.count)}`);
    pushSamples(lines, report.samples.spike, sampleCount);
  }
  return lines.join('\n');
}

function pushSamples(lines: string[], samples: ValidationIssue[], limit: number): void {
  for (const sample of samples.slice(0, limit)) {
    const place = sample.line !== null ? `line ${sample.line}` : `row ${sample.row}`;
    lines.push(`    e.g. ${place} ${sample.time}: ${sample.description}`);
  }
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function percent(fraction: number): string {
  return `${(fraction * 100).toPrecision(2)}%`;
}
