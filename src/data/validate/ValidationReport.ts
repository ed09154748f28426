/**
 * What `validateBars` found and what it changed. Plain objects, strings and numbers only, so
 * `JSON.stringify(report)` is the machine-readable form (CLI `--json`, the HTTP API, run logs).
 */

/** Rules a single row can break; stable names, used as keys in reports and error details. */
export const validationRules = [
  'time-not-finite',
  'time-not-aligned',
  'price-not-finite',
  'volume-not-finite',
  'high-below-low',
  'high-below-open-close',
  'low-above-open-close',
  'negative-volume',
] as const;
export type ValidationRule = (typeof validationRules)[number];

export type InvalidRowPolicy = 'error' | 'drop' | 'fix' | 'keep';
export type DuplicatePolicy = 'error' | 'first' | 'last';
export type UnsortedPolicy = 'error' | 'sort';

/**
 * What to do about each kind of problem. Every default is `'error'`: tickforge refuses bad
 * data until the user names a repair, and every repair is counted in the report.
 */
export interface ValidationPolicy {
  /** Rows that break a row rule: refuse, drop them, fix high/low bounds (drop the rest), or keep them. */
  onInvalid: InvalidRowPolicy;
  /** Several rows with one time: refuse, or keep the first or the last in file order. */
  onDuplicate: DuplicatePolicy;
  /** Times that go backwards: refuse, or sort (stable, so file order decides among equal times). */
  onUnsorted: UnsortedPolicy;
}

/** One offending row (or pair of rows, for duplicates), as shown to the user. */
export interface ValidationIssue {
  kind: 'invalid' | 'unsorted' | 'duplicate' | 'spike';
  /** The row rules broken (only for `invalid`). */
  rules: ValidationRule[];
  /** 0-based index of the row in the input. */
  row: number;
  /** 1-based physical line in the source file, when the reader gave line numbers. */
  line: number | null;
  /** ISO-8601 time of the row (or the raw value when it is not a finite time). */
  time: string;
  /** For `duplicate`: the earlier row with the same time; for `unsorted`: the previous row. */
  otherRow: number | null;
  otherLine: number | null;
  /** The values that break the rule, e.g. `high 36.1 < low 36.5`. */
  description: string;
}

export interface GapRecord {
  /** Open time of the last bar before the gap. */
  from: string;
  /** Open time of the first bar after the gap. */
  to: string;
  missingBars: number;
}

/**
 * Gaps are reported, never errors: markets close. `basis` says which bars count as missing:
 * `grid` every step of the timeframe; `weekdays` only steps that fall Monday to Friday (the
 * default for daily bars, so weekends are not gaps but exchange holidays are); `sessions` only
 * the times of a reference calendar given by the caller (e.g. the union of dates of all symbols).
 */
export interface GapSummary {
  basis: 'grid' | 'weekdays' | 'sessions';
  count: number;
  missingBars: number;
  /** The largest gaps, largest first (ties: earliest first). */
  largest: GapRecord[];
}

export interface DuplicateSummary {
  /** Distinct times that occur on more than one row. */
  times: number;
  /** Rows beyond the first of each duplicated time. */
  extraRows: number;
  /** Duplicated times whose rows agree on every field. */
  identical: number;
  /** Duplicated times whose rows differ in at least one field (volume included). */
  conflicting: number;
  /** Duplicated times whose rows differ in open, high, low or close. */
  conflictingPrices: number;
  /** Largest |close_a - close_b| / close_a among duplicated rows (0.0055 = 0.55%). */
  largestCloseDifference: number;
}

export interface RepairSummary {
  /** Rows that changed position when sorting. */
  sortedRows: number;
  /** Invalid rows removed (all under `drop`; unrepairable ones under `fix`; non-finite times under `keep`). */
  droppedInvalid: number;
  /** Rows whose high and/or low were widened to cover open and close (`fix`). */
  fixedBounds: number;
  /** Invalid rows passed through unchanged (`keep`). */
  keptInvalid: number;
  /** Rows removed because another row of the same time was kept (`first` / `last`). */
  droppedDuplicates: number;
}

export interface SpikeSummary {
  /** Whether the opt-in spike check ran (`ValidationOptions.spikeFactor`). */
  checked: boolean;
  factor: number | null;
  count: number;
}

export interface ValidationReport {
  file: string | null;
  symbol: string;
  timeframe: string;
  policy: ValidationPolicy;
  inputRows: number;
  /** inputRows = outputRows + repairs.droppedInvalid + repairs.droppedDuplicates. */
  outputRows: number;
  /** Rows breaking at least one row rule (a row can break several; see `rules`). */
  invalidRows: number;
  rules: Record<ValidationRule, number>;
  /** Places where a time is earlier than the time of the row before it. */
  backwardSteps: number;
  duplicates: DuplicateSummary;
  repairs: RepairSummary;
  gaps: GapSummary;
  spikes: SpikeSummary;
  /** First and last output times (ISO), or null when no row is left. */
  firstTime: string | null;
  lastTime: string | null;
  /** Up to `maxSamples` examples of each kind, in file order. */
  samples: { invalid: ValidationIssue[]; unsorted: ValidationIssue[]; duplicate: ValidationIssue[]; spike: ValidationIssue[] };
}
