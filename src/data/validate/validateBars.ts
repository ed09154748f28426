import { Bars } from '../../core/Bars.js';
import { TickforgeError, type ErrorCode } from '../../core/errors.js';
import { formatTime } from '../../core/time.js';
import { detectSpikes } from './detectSpikes.js';
import { GapCounter } from './GapCounter.js';
import { summarizeGaps } from './summarizeGaps.js';
import {
  validationRules,
  type DuplicateSummary,
  type RepairSummary,
  type ValidationIssue,
  type ValidationPolicy,
  type ValidationReport,
  type ValidationRule,
} from './ValidationReport.js';

export type { DuplicatePolicy, InvalidRowPolicy, UnsortedPolicy, ValidationPolicy } from './ValidationReport.js';

/** What `validateBars` reads: a reader's `SourceTable` fits (extra fields are ignored). */
export interface ValidationInput {
  bars: Bars;
  /** Shown in messages and reports. */
  file?: string;
  /** 1-based physical line in `file` of each row; without it messages name the 0-based row index. */
  lineNumbers?: Uint32Array;
}

export interface ValidationOptions {
  /** Examples of each kind kept in the report and in error details (default 20). */
  maxSamples?: number;
  /** Gap basis: default `weekdays` for daily bars, `grid` otherwise, `sessions` when `sessions` is given. */
  gapBasis?: 'grid' | 'weekdays' | 'sessions';
  /** Sorted reference calendar of expected bar times (ms), e.g. the union of all symbols' dates. */
  sessions?: ArrayLike<number>;
  /** Opt-in: report (never drop) bars whose high/low lies more than this factor from the local price level. */
  spikeFactor?: number;
}

export const defaultValidationPolicy: Readonly<ValidationPolicy> = Object.freeze({
  onInvalid: 'error',
  onDuplicate: 'error',
  onUnsorted: 'error',
});

// One bit per rule, in `validationRules` order, so a row's verdict is one byte.
const TIME_NOT_FINITE = 1;
const TIME_NOT_ALIGNED = 2;
const PRICE_NOT_FINITE = 4;
const VOLUME_NOT_FINITE = 8;
const HIGH_BELOW_LOW = 16;
const HIGH_BELOW_OPEN_CLOSE = 32;
const LOW_ABOVE_OPEN_CLOSE = 64;
const NEGATIVE_VOLUME = 128;
/** The rules `fix` can repair without inventing a value: widen high and low to cover the row. */
const BOUND_RULES = HIGH_BELOW_LOW | HIGH_BELOW_OPEN_CLOSE | LOW_ABOVE_OPEN_CLOSE;

const repairHints = {
  invalid: 'Use --on-invalid drop to remove such rows, --on-invalid fix to widen high/low to cover open and close (rows with missing or non-finite values, negative volume or off-grid times are then dropped), or --on-invalid keep to keep them as they are; every repair is counted in the report.',
  unsorted: 'Use --on-unsorted sort to sort the rows by time (stable: file order decides among equal times); the report counts the rows moved.',
  duplicate: 'Use --on-duplicate first to keep the first row of each time or --on-duplicate last to keep the last (in file order); the report counts the rows dropped and how many duplicates had conflicting values.',
} as const;

/**
 * Checks one symbol's bars against the rules of DESIGN.md section 3 and applies only the
 * repairs the policy asks for. By default it refuses: the first problem becomes a
 * TickforgeError naming the file, symbol, line, rule and values, with the scale of the problem
 * and the option that repairs it. Nothing is dropped silently: the report counts every rule,
 * every repair, the gaps, and gives sample rows.
 *
 * When the input is clean (or `keep` leaves it unchanged) the returned bars are the input
 * instance; otherwise they are a new compact copy.
 *
 * @throws TF_ERR_DATA_INVALID_ROW, TF_ERR_DATA_UNSORTED, TF_ERR_DATA_DUPLICATE
 */
export function validateBars(
  input: ValidationInput,
  policy: Partial<ValidationPolicy> = {},
  options: ValidationOptions = {},
): { bars: Bars; report: ValidationReport } {
  const fullPolicy: ValidationPolicy = {
    onInvalid: policy.onInvalid ?? defaultValidationPolicy.onInvalid,
    onDuplicate: policy.onDuplicate ?? defaultValidationPolicy.onDuplicate,
    onUnsorted: policy.onUnsorted ?? defaultValidationPolicy.onUnsorted,
  };
  const { bars, lineNumbers } = input;
  const file = input.file ?? null;
  const maxSamples = options.maxSamples ?? 20;
  const { time, open, high, low, close, volume } = bars;
  const n = bars.length;
  const step = bars.timeframe.milliseconds;
  // Weekly bars open on Monday: the grid is shifted by the open of the week containing the epoch.
  const gridOffset = bars.timeframe.align(0);
  const onInvalid = fullPolicy.onInvalid;

  const ruleCounts = new Float64Array(validationRules.length);
  const invalidSamples: ValidationIssue[] = [];
  const unsortedSamples: ValidationIssue[] = [];
  let flags: Uint8Array | undefined;
  let invalidRows = 0;
  let droppedInvalid = 0;
  let backwardSteps = 0;
  let adjacentDuplicates = 0;
  let previousTime = -Infinity;
  let previousRow = -1;
  // Floating-point % costs ~30 ns a row; a row one step after an aligned row is aligned, so
  // only the first row and rows after a gap pay for it.
  let lastAligned = NaN;
  // Gaps are counted in this pass too; if repairs change the rows they are counted again on the output.
  const gapOptions = { basis: options.gapBasis, sessions: options.sessions };
  const gapCounter = new GapCounter(bars.timeframe, gapOptions);

  // The one pass over all rows: row rules, order and (for sorted input) duplicates.
  for (let i = 0; i < n; i++) {
    const t = time[i];
    const o = open[i];
    const h = high[i];
    const l = low[i];
    const c = close[i];
    const v = volume[i];
    // Fast path for a valid row one step after an aligned row. Every comparison with NaN is
    // false, so passing it also proves all six fields finite.
    if (!(t - lastAligned === step && h >= o && h >= c && l <= o && l <= c && h < Infinity && l > -Infinity && v >= 0 && v < Infinity)) {
      let mask = 0;
      // x - x === 0 is false exactly for NaN and ±Infinity.
      if (!(t - t === 0)) mask |= TIME_NOT_FINITE;
      else if ((t - gridOffset) % step === 0) lastAligned = t;
      else mask |= TIME_NOT_ALIGNED;
      if (!(o - o === 0 && h - h === 0 && l - l === 0 && c - c === 0)) mask |= PRICE_NOT_FINITE;
      else {
        if (h < l) mask |= HIGH_BELOW_LOW;
        if (h < o || h < c) mask |= HIGH_BELOW_OPEN_CLOSE;
        if (l > o || l > c) mask |= LOW_ABOVE_OPEN_CLOSE;
      }
      if (!(v - v === 0)) mask |= VOLUME_NOT_FINITE;
      else if (v < 0) mask |= NEGATIVE_VOLUME;

      if (mask !== 0) {
        flags ??= new Uint8Array(n);
        flags[i] = mask;
        invalidRows++;
        for (let rule = 0; rule < validationRules.length; rule++) if ((mask & (1 << rule)) !== 0) ruleCounts[rule]++;
        if (invalidSamples.length < maxSamples) invalidSamples.push(invalidIssue(bars, i, mask, lineNumbers));
        if (!survives(mask, onInvalid)) {
          droppedInvalid++;
          continue;
        }
      }
    } else lastAligned = t;
    if (t <= previousTime) {
      if (t === previousTime) adjacentDuplicates++;
      else {
        backwardSteps++;
        if (unsortedSamples.length < maxSamples) unsortedSamples.push(unsortedIssue(i, previousRow, t, previousTime, lineNumbers));
      }
    } else if (t - previousTime > step && previousRow >= 0) gapCounter.add(previousTime, t);
    previousTime = t;
    previousRow = i;
  }

  const clean = droppedInvalid === 0 && backwardSteps === 0 && adjacentDuplicates === 0
    && (invalidRows === 0 || onInvalid === 'keep');

  let output = bars;
  let kept: Uint32Array | undefined;
  const duplicates: DuplicateSummary = {
    times: 0, extraRows: 0, identical: 0, conflicting: 0, conflictingPrices: 0, largestCloseDifference: 0,
  };
  const duplicateSamples: ValidationIssue[] = [];
  const repairs: RepairSummary = {
    sortedRows: 0, droppedInvalid, fixedBounds: 0, keptInvalid: onInvalid === 'keep' ? invalidRows - droppedInvalid : 0,
    droppedDuplicates: 0,
  };

  if (!clean) {
    // Rare path: build the list of surviving rows, sort it if asked, resolve duplicates.
    let order = new Uint32Array(n - droppedInvalid);
    let count = 0;
    for (let i = 0; i < n; i++) if (flags === undefined || flags[i] === 0 || survives(flags[i], onInvalid)) order[count++] = i;
    if (backwardSteps > 0) {
      const sorted = order.slice().sort((a, b) => time[a] - time[b] || a - b);
      for (let k = 0; k < sorted.length; k++) if (sorted[k] !== order[k]) repairs.sortedRows++;
      order = sorted;
    }
    const keepLast = fullPolicy.onDuplicate === 'last';
    kept = new Uint32Array(order.length);
    let keptCount = 0;
    for (let k = 0; k < order.length;) {
      let end = k + 1;
      while (end < order.length && time[order[end]] === time[order[k]]) end++;
      if (end - k > 1) {
        recordDuplicateGroup(bars, order, k, end, duplicates, duplicateSamples, maxSamples, lineNumbers);
        kept[keptCount++] = order[keepLast ? end - 1 : k];
      } else kept[keptCount++] = order[k];
      k = end;
    }
    kept = kept.subarray(0, keptCount);
    repairs.droppedDuplicates = order.length - keptCount;
  }

  const problems = { invalidRows, ruleCounts, backwardSteps, duplicates };
  if (onInvalid === 'error' && invalidRows > 0) {
    throw refusal('TF_ERR_DATA_INVALID_ROW', input, invalidSamples, problems, repairHints.invalid);
  }
  if (fullPolicy.onUnsorted === 'error' && backwardSteps > 0) {
    throw refusal('TF_ERR_DATA_UNSORTED', input, unsortedSamples, problems, repairHints.unsorted);
  }
  if (fullPolicy.onDuplicate === 'error' && duplicates.times > 0) {
    throw refusal('TF_ERR_DATA_DUPLICATE', input, duplicateSamples, problems, repairHints.duplicate);
  }
  if (kept !== undefined) {
    output = bars.pick(kept);
    if (onInvalid === 'fix' && flags !== undefined) {
      for (let k = 0; k < kept.length; k++) {
        if ((flags[kept[k]] & BOUND_RULES) === 0) continue;
        const o = output.open[k];
        const h = output.high[k];
        const l = output.low[k];
        const c = output.close[k];
        output.high[k] = Math.max(o, h, l, c);
        output.low[k] = Math.min(o, h, l, c);
        repairs.fixedBounds++;
      }
    }
  }
  if (onInvalid === 'keep' && kept !== undefined && flags !== undefined) {
    let keptInvalid = 0;
    for (let k = 0; k < kept.length; k++) if (flags[kept[k]] !== 0) keptInvalid++;
    repairs.keptInvalid = keptInvalid;
  }

  const spikeSamples: ValidationIssue[] = [];
  let spikeCount = 0;
  if (options.spikeFactor !== undefined) {
    const spikes = detectSpikes(output, options.spikeFactor);
    spikeCount = spikes.length;
    for (const k of spikes.slice(0, maxSamples)) {
      const row = kept === undefined ? k : kept[k];
      spikeSamples.push({
        kind: 'spike', rules: [], row, line: lineOf(lineNumbers, row), time: formatTime(output.time[k]), otherRow: null, otherLine: null,
        description: `open ${output.open[k]} high ${output.high[k]} low ${output.low[k]} close ${output.close[k]} lies more than ${options.spikeFactor}x from the neighbouring prices (previous close ${k > 0 ? output.close[k - 1] : 'none'}, next open ${k + 1 < output.length ? output.open[k + 1] : 'none'})`,
      });
    }
  }

  const rules = {} as Record<ValidationRule, number>;
  validationRules.forEach((rule, index) => (rules[rule] = ruleCounts[index]));
  const report: ValidationReport = {
    file,
    symbol: bars.symbol,
    timeframe: bars.timeframe.code,
    policy: fullPolicy,
    inputRows: n,
    outputRows: output.length,
    invalidRows,
    rules,
    backwardSteps,
    duplicates,
    repairs,
    gaps: output === bars ? gapCounter.summary() : summarizeGaps(output.time, bars.timeframe, gapOptions),
    spikes: { checked: options.spikeFactor !== undefined, factor: options.spikeFactor ?? null, count: spikeCount },
    firstTime: output.length > 0 ? formatTime(output.time[0]) : null,
    lastTime: output.length > 0 ? formatTime(output.time[output.length - 1]) : null,
    samples: { invalid: invalidSamples, unsorted: unsortedSamples, duplicate: duplicateSamples, spike: spikeSamples },
  };
  // Rows kept invalid on purpose ('keep') void the proof; every other returned instance is sorted, unique and valid.
  Bars.recordValidation(output, repairs.keptInvalid === 0 ? { lowestLow: lowestOf(output.low) } : undefined);
  return { bars: output, report };
}

function lowestOf(values: Float64Array): number {
  let lowest = Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] < lowest) lowest = values[i];
  return lowest;
}

/** Whether an invalid row stays in the output under `policy` (`error` keeps it for counting, then refuses). */
function survives(mask: number, policy: ValidationPolicy['onInvalid']): boolean {
  // A row without a finite time has no place in a time series, whatever the policy.
  if ((mask & TIME_NOT_FINITE) !== 0) return false;
  if (policy === 'keep' || policy === 'error') return true;
  if (policy === 'fix') return (mask & ~BOUND_RULES) === 0;
  return false;
}

function lineOf(lineNumbers: Uint32Array | undefined, row: number): number | null {
  return lineNumbers !== undefined && row >= 0 && row < lineNumbers.length ? lineNumbers[row] : null;
}

function unsortedIssue(row: number, previousRow: number, t: number, previousTime: number, lineNumbers: Uint32Array | undefined): ValidationIssue {
  return {
    kind: 'unsorted', rules: [], row, line: lineOf(lineNumbers, row), time: formatTime(t),
    otherRow: previousRow, otherLine: lineOf(lineNumbers, previousRow),
    description: `time ${formatTime(t)} is earlier than the previous row's ${formatTime(previousTime)}`,
  };
}

function invalidIssue(bars: Bars, i: number, mask: number, lineNumbers: Uint32Array | undefined): ValidationIssue {
  const o = bars.open[i];
  const h = bars.high[i];
  const l = bars.low[i];
  const c = bars.close[i];
  const v = bars.volume[i];
  const t = bars.time[i];
  const parts: string[] = [];
  if ((mask & TIME_NOT_FINITE) !== 0) parts.push(`time is ${describeMissing(t)}`);
  if ((mask & TIME_NOT_ALIGNED) !== 0) {
    parts.push(`time ${formatTime(t)} is not on the ${bars.timeframe.code} grid (expected ${formatTime(bars.timeframe.align(t))}; wrong timeframe or time zone?)`);
  }
  if ((mask & PRICE_NOT_FINITE) !== 0) {
    const missing = (['open', 'high', 'low', 'close'] as const).filter((name) => !Number.isFinite(bars[name][i]));
    parts.push(missing.map((name) => `${name} is ${describeMissing(bars[name][i])}`).join(', '));
  }
  if ((mask & VOLUME_NOT_FINITE) !== 0) parts.push(`volume is ${describeMissing(v)}`);
  if ((mask & HIGH_BELOW_LOW) !== 0) parts.push(`high ${h} < low ${l}`);
  if ((mask & HIGH_BELOW_OPEN_CLOSE) !== 0) parts.push(`high ${h} < max(open ${o}, close ${c})`);
  if ((mask & LOW_ABOVE_OPEN_CLOSE) !== 0) parts.push(`low ${l} > min(open ${o}, close ${c})`);
  if ((mask & NEGATIVE_VOLUME) !== 0) parts.push(`volume ${v} < 0`);
  return {
    kind: 'invalid',
    rules: validationRules.filter((_, rule) => (mask & (1 << rule)) !== 0),
    row: i,
    line: lineOf(lineNumbers, i),
    time: formatTime(t),
    otherRow: null,
    otherLine: null,
    description: parts.join('; '),
  };
}

function describeMissing(value: number): string {
  return Number.isNaN(value) ? 'missing (empty or NaN)' : String(value);
}

const fieldNames = ['open', 'high', 'low', 'close', 'volume'] as const;

function recordDuplicateGroup(
  bars: Bars,
  order: Uint32Array,
  start: number,
  end: number,
  summary: DuplicateSummary,
  samples: ValidationIssue[],
  maxSamples: number,
  lineNumbers: Uint32Array | undefined,
): void {
  const first = order[start];
  let conflicting = false;
  let conflictingPrices = false;
  for (let k = start + 1; k < end; k++) {
    const other = order[k];
    if (!same(bars.open, first, other) || !same(bars.high, first, other) || !same(bars.low, first, other) || !same(bars.close, first, other)) {
      conflicting = conflictingPrices = true;
    } else if (!same(bars.volume, first, other)) conflicting = true;
    const closeDifference = Math.abs(bars.close[other] - bars.close[first]) / Math.abs(bars.close[first]);
    if (closeDifference > summary.largestCloseDifference) summary.largestCloseDifference = closeDifference;
  }
  summary.times++;
  summary.extraRows += end - start - 1;
  if (conflicting) summary.conflicting++;
  else summary.identical++;
  if (conflictingPrices) summary.conflictingPrices++;
  if (samples.length < maxSamples) {
    // Text only for the samples: formatting numbers for thousands of duplicates would dominate.
    const second = order[start + 1];
    const differences = fieldNames
      .filter((name) => !same(bars[name], first, second))
      .map((name) => `${name} ${bars[name][first]} vs ${bars[name][second]}`);
    const description = differences.length > 0 ? `conflicting values: ${differences.join(', ')}` : 'identical values';
    samples.push({
      kind: 'duplicate', rules: [], row: second, line: lineOf(lineNumbers, second), time: formatTime(bars.time[second]),
      otherRow: first, otherLine: lineOf(lineNumbers, first),
      description: `${end - start} rows share time ${formatTime(bars.time[second])}; ${description}`,
    });
  }
}

/** Equal values, NaN equal to NaN (a kept invalid row may hold NaN). */
function same(column: Float64Array, a: number, b: number): boolean {
  const x = column[a];
  const y = column[b];
  return x === y || (x !== x && y !== y);
}

interface ProblemCounts {
  invalidRows: number;
  ruleCounts: Float64Array;
  backwardSteps: number;
  duplicates: DuplicateSummary;
}

function where(input: ValidationInput, issue: ValidationIssue): string {
  const place = issue.line !== null ? `line ${issue.line}` : `row ${issue.row} (0-based; no line numbers were given)`;
  return `${input.file ?? '(no file)'}, symbol ${input.bars.symbol} (${input.bars.timeframe.code}), ${place}`;
}

function refusal(
  code: ErrorCode,
  input: ValidationInput,
  samples: ValidationIssue[],
  problems: ProblemCounts,
  hint: string,
): TickforgeError {
  const first = samples[0];
  const { invalidRows, ruleCounts, backwardSteps, duplicates } = problems;
  let headline: string;
  let others: number;
  if (code === 'TF_ERR_DATA_INVALID_ROW') {
    headline = `${where(input, first)} at ${first.time} breaks rule ${first.rules.join(' and ')}: ${first.description}.`;
    const perRule = validationRules
      .map((rule, index) => [rule, ruleCounts[index]] as const)
      .filter(([, count]) => count > 0)
      .map(([rule, count]) => `${rule} ${count}`)
      .join(', ');
    others = invalidRows - 1;
    headline += ` ${others} other row${others === 1 ? ' breaks' : 's break'} row rules in ${input.bars.symbol} (all rows: ${perRule}).`;
  } else if (code === 'TF_ERR_DATA_UNSORTED') {
    const previous = first.otherLine !== null ? `line ${first.otherLine}` : `row ${first.otherRow}`;
    headline = `${where(input, first)} breaks rule sorted-times: ${first.description} (${previous}).`;
    others = backwardSteps - 1;
    headline += ` Times go backwards at ${others} other place${others === 1 ? '' : 's'} in ${input.bars.symbol}.`;
  } else {
    const previous = first.otherLine !== null ? `line ${first.otherLine}` : `row ${first.otherRow}`;
    headline = `${where(input, first)} breaks rule unique-times: ${first.description} (same time as ${previous}).`;
    others = duplicates.times - 1;
    headline += ` ${others} other time${others === 1 ? ' is' : 's are'} duplicated in ${input.bars.symbol} (${duplicates.conflicting} of ${duplicates.times} with conflicting values, ${duplicates.conflictingPrices} with conflicting prices).`;
  }
  const also: string[] = [];
  const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  if (code !== 'TF_ERR_DATA_INVALID_ROW' && invalidRows > 0) also.push(plural(invalidRows, 'invalid row', 'invalid rows'));
  if (code !== 'TF_ERR_DATA_UNSORTED' && backwardSteps > 0) also.push(plural(backwardSteps, 'place where times go backwards', 'places where times go backwards'));
  if (code !== 'TF_ERR_DATA_DUPLICATE' && duplicates.times > 0) also.push(plural(duplicates.times, 'duplicated time', 'duplicated times'));
  const alsoText = also.length > 0 ? ` Also found: ${also.join(', ')}.` : '';
  const rules = {} as Record<string, number>;
  validationRules.forEach((rule, index) => (rules[rule] = ruleCounts[index]));
  return new TickforgeError(code, `${headline}${alsoText} ${hint}`, {
    details: {
      file: input.file ?? null,
      symbol: input.bars.symbol,
      timeframe: input.bars.timeframe.code,
      line: first.line,
      row: first.row,
      rule: code === 'TF_ERR_DATA_INVALID_ROW' ? first.rules : code === 'TF_ERR_DATA_UNSORTED' ? ['sorted-times'] : ['unique-times'],
      invalidRows,
      rules,
      backwardSteps,
      duplicates: { ...duplicates },
      rows: samples,
    },
  });
}
