/**
 * Number parsing straight from the bytes of a CSV field, without making a string.
 *
 * Hand-written because turning CSV into Bars fast is a promised feature: decoding every field
 * to a string and calling `Number()` costs an allocation per field and dominates the read.
 * The fast path covers what market data files hold (`-123.4500`): it accumulates the digits
 * into one integer and divides by a power of ten once. While the digits fit in 2^53 and there
 * are at most 22 decimals, both operands are exact doubles, so the one IEEE division is
 * correctly rounded and gives bit for bit what `Number()` gives (Clinger's fast path).
 * Everything else (exponents, a leading `+` or `.`, 17+ significant digits) falls back to
 * `Number()` on the decoded text.
 */

const POWERS_OF_TEN = new Float64Array(23).map((_, i) => 10 ** i);
const MAX_EXACT_INTEGER = 9007199254740991;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITY = /^[+-]?inf(?:inity)?$/i;
/** Spellings other tools write for a missing value; read as NaN, like an empty field. */
const MISSING = new Set(['nan', 'na', 'n/a', 'null', 'none']);

const SPACE = 0x20;
const TAB = 0x09;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;

/** Start of the field with surrounding spaces and tabs skipped. */
export function trimStart(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && (bytes[start] === SPACE || bytes[start] === TAB)) start++;
  return start;
}

/** End of the field with surrounding spaces and tabs skipped. */
export function trimEnd(bytes: Uint8Array, start: number, end: number): number {
  while (end > start && (bytes[end - 1] === SPACE || bytes[end - 1] === TAB)) end--;
  return end;
}

/**
 * The number in bytes [start, end). An empty (or blank) field and the missing-value words
 * NaN, NA, N/A, null and None give NaN; text that is no number also gives NaN, so a caller
 * that meets NaN asks `isMissingNumber` which of the two it was.
 */
export function parseDecimal(bytes: Uint8Array, start: number, end: number): number {
  start = trimStart(bytes, start, end);
  end = trimEnd(bytes, start, end);
  if (start === end) return NaN;
  let i = start;
  const negative = bytes[i] === MINUS;
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  let decimals = 0;
  let seenDot = false;
  for (; i < end; i++) {
    const digit = bytes[i] - ZERO;
    if (digit >= 0 && digit <= 9) {
      mantissa = mantissa * 10 + digit;
      digits++;
      if (seenDot) decimals++;
    } else if (bytes[i] === DOT && !seenDot) {
      seenDot = true;
    } else {
      return parseDecimalSlowly(bytes, start, end);
    }
  }
  // A rounded intermediate can only push the mantissa up past the bound, never below it.
  if (digits === 0 || mantissa > MAX_EXACT_INTEGER || decimals > 22) return parseDecimalSlowly(bytes, start, end);
  const value = decimals === 0 ? mantissa : mantissa / POWERS_OF_TEN[decimals];
  return negative ? -value : value;
}

function parseDecimalSlowly(bytes: Uint8Array, start: number, end: number): number {
  const text = latin1(bytes, start, end);
  if (DECIMAL.test(text)) return Number(text);
  if (INFINITY.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  return NaN;
}

/** True when the field is empty or one of the missing-value words (so NaN is meant). */
export function isMissingNumber(bytes: Uint8Array, start: number, end: number): boolean {
  start = trimStart(bytes, start, end);
  end = trimEnd(bytes, start, end);
  if (start === end) return true;
  if (end - start > 4) return false;
  return MISSING.has(latin1(bytes, start, end).toLowerCase());
}

/** Bytes as text, one character per byte: exact for the ASCII that numbers and dates use. */
export function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]);
  return text;
}
