import { TickforgeError } from '../core/errors.js';

/** Where each bar field sits among a file's columns (-1 = absent). */
export interface BarsColumnLayout {
  /** The time column, or the date column when the time of day sits in `timeOfDay`. */
  time: number;
  /** A separate time-of-day column (`Date,Time,Open,...` exports), else -1. */
  timeOfDay: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  symbol: number;
}

export interface ResolveColumnsOptions {
  /** The file, for error messages. */
  file: string;
  /** The header's line, for error messages (CSV only). */
  line?: number;
  /** Read a file without a volume column, setting every volume to 0. */
  allowMissingVolume?: boolean;
}

/**
 * Header aliases, compared after `normalizeHeader` (lower case; spaces, `_`, `-`, `.`, `<`,
 * `>` and quotes removed). Within a role an earlier alias wins over a later one, so a file
 * with both `timestamp` and `date` uses `timestamp`, and `adj close` stands for the close
 * only when there is no plain close.
 */
export const barsColumnAliases = {
  time: ['timestamp', 'datetime', 'opentime', 'time', 'date', 'ts', 'unix', 'unixtime', 'epoch', 'timeopen', 'gmttime', 't'],
  open: ['open', 'openprice', 'o'],
  high: ['high', 'highprice', 'h'],
  low: ['low', 'lowprice', 'l'],
  close: ['close', 'closeprice', 'last', 'c', 'adjclose', 'adjustedclose'],
  volume: ['volume', 'vol', 'v', 'basevolume'],
  symbol: ['symbol', 'ticker', 'name', 'instrument', 'pair', 'asset'],
} as const;

type Role = keyof typeof barsColumnAliases;
const requiredRoles = ['time', 'open', 'high', 'low', 'close'] as const;

export function normalizeHeader(name: string): string {
  return name.replace(/^\uFEFF/, '').toLowerCase().replace(/[\s_\-.<>"']/g, '');
}

/**
 * Maps header names to bar fields, case-insensitively and in any order; other columns are
 * ignored. A file with a `date` and a separate `time` column (and no full timestamp column)
 * combines the two. Volume is required unless `allowMissingVolume`: inventing zero volume
 * behind the user's back would make volume indicators quietly wrong. When no exact volume
 * alias matches, the first column whose name starts with `volume` (`Volume BTC`) is used.
 * @throws TF_ERR_DATA_CSV_HEADER naming the missing field, the columns found and the aliases.
 */
export function resolveBarsColumns(names: readonly string[], options: ResolveColumnsOptions): BarsColumnLayout {
  const normalized = names.map(normalizeHeader);
  const found = (role: Role): number => {
    for (const alias of barsColumnAliases[role]) {
      const indices: number[] = [];
      normalized.forEach((name, index) => {
        if (name === alias) indices.push(index);
      });
      if (indices.length > 1) {
        throw new TickforgeError(
          'TF_ERR_DATA_CSV_HEADER',
          `${options.file}: columns ${indices.map((i) => `${i + 1} ("${names[i]}")`).join(' and ')} both name the ${role}; rename or remove one of them.`,
          { details: { file: options.file, role, columns: indices.map((i) => names[i]) } },
        );
      }
      if (indices.length === 1) return indices[0];
    }
    return -1;
  };
  const layout: BarsColumnLayout = {
    time: found('time'),
    timeOfDay: -1,
    open: found('open'),
    high: found('high'),
    low: found('low'),
    close: found('close'),
    volume: found('volume'),
    symbol: found('symbol'),
  };
  const dateIndex = normalized.indexOf('date');
  const timeIndex = normalized.indexOf('time');
  if (dateIndex >= 0 && timeIndex >= 0 && (layout.time === dateIndex || layout.time === timeIndex)) {
    layout.time = dateIndex;
    layout.timeOfDay = timeIndex;
  }
  if (layout.volume < 0) layout.volume = normalized.findIndex((name) => name.startsWith('volume'));
  const missing: string[] = requiredRoles.filter((role) => layout[role] < 0);
  if (layout.volume < 0 && options.allowMissingVolume !== true) missing.push('volume');
  if (missing.length > 0) {
    const looksHeadless = names.length > 0 && /^\s*"?[\d.+-]/.test(names[0]);
    const hint = looksHeadless
      ? ' The first line looks like data: add a header line such as timestamp,open,high,low,close,volume.'
      : '';
    const volumeHint = missing.includes('volume')
      ? ' A file without volume can be read with --allow-missing-volume (volume is then 0 on every bar).'
      : '';
    throw new TickforgeError(
      'TF_ERR_DATA_CSV_HEADER',
      `${options.file}: ${options.line === undefined ? '' : `line ${options.line}: `}no column for ${missing.join(', ')}. Columns found: ${names.map((n) => `"${n}"`).join(', ')}. ` +
        `Accepted names (any case): ${missing.map((role) => `${role} = ${barsColumnAliases[role as Role].join('/')}`).join('; ')}.${hint}${volumeHint}`,
      { details: { file: options.file, line: options.line, missing, columns: names } },
    );
  }
  return layout;
}
