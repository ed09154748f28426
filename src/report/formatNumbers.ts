/**
 * How the reports print numbers: one place, so the terminal table, the HTML page and the PNG
 * title agree. A value that is not finite (a ratio without a denominator is NaN, see
 * docs/metrics.md) prints as `missingValue`.
 */
export const missingValue = '-';

const day = 86_400_000;

/** Rounding can leave "-0.00"; a value that rounds to zero has no sign. */
function unsign(text: string): string {
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** A fraction as a percentage: 0.1234 -> "12.34%". */
export function formatPercent(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return missingValue;
  return `${unsign((value * 100).toFixed(digits))}%`;
}

/** A fraction as a signed percentage, for returns beside each other: 0.05 -> "+5.0%". */
export function formatSignedPercent(value: number, digits = 1): string {
  const text = formatPercent(value, digits);
  return value > 0 && text !== `${(0).toFixed(digits)}%` ? `+${text}` : text;
}

/** A ratio (Sharpe, beta, profit factor): two decimals. */
export function formatRatio(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return missingValue;
  return unsign(value.toFixed(digits));
}

/** An amount of money with thousands separators: -12345.678 -> "-12,345.68". */
export function formatAmount(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return missingValue;
  const text = unsign(value.toFixed(digits));
  const negative = text.startsWith('-');
  const [whole, fraction] = (negative ? text.slice(1) : text).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** A count with thousands separators. */
export function formatCount(value: number): string {
  return formatAmount(value, 0);
}

/** A quantity or a price: up to six significant digits, no exponent for ordinary prices. */
export function formatQuantity(value: number): string {
  if (!Number.isFinite(value)) return missingValue;
  if (Math.abs(value) >= 1e6) return formatAmount(value, 0);
  return String(Number(value.toPrecision(6)));
}

/** A span of time in the largest unit that reads well: "205 days", "3.5 days", "6.0 hours", "15 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return missingValue;
  if (ms >= 10 * day) return `${Math.round(ms / day)} days`;
  if (ms >= day) return `${(ms / day).toFixed(1)} days`;
  if (ms >= 3_600_000) return `${(ms / 3_600_000).toFixed(1)} hours`;
  return `${Math.round(ms / 60_000)} min`;
}

/** True when every time falls on a UTC midnight: dates alone then say everything. */
export function allMidnights(times: ArrayLike<number>): boolean {
  for (let i = 0; i < times.length; i++) if (times[i] % day !== 0) return false;
  return true;
}

/** A time (ms UTC) as "2024-03-15", or "2024-03-15 14:30" when `intraday`. */
export function formatTime(time: number, intraday = false): string {
  if (!Number.isFinite(time)) return missingValue;
  const iso = new Date(time).toISOString();
  return intraday ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10);
}
