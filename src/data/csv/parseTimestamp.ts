import { epochToMilliseconds } from '../epochToMilliseconds.js';
import { parseDecimal, trimEnd, trimStart } from './parseDecimal.js';

/**
 * Times straight from the bytes of a CSV field, hand-written for the same reason as
 * `parseDecimal` (one `Date.parse` string per row is the slow part of a naive reader), and
 * because `Date.parse` reads `2024-01-31 09:30` in the machine's time zone: here a time
 * without a zone is always UTC.
 *
 * Accepted (NaN for anything else):
 * - `2013-02-08` or `2013/02/08` (midnight UTC); month and day may have one digit;
 * - a date, `T` or a space, `HH:MM`, optional `:SS` and fraction (truncated to the
 *   millisecond, as `Date.parse` does), then optionally a zone: `Z`, `+02:00`, `+0200`,
 *   `+02`, `UTC` or `GMT` (a space before the zone is allowed);
 * - `20130208` (eight digits that form a valid date between 1900 and 2099);
 * - epoch numbers, unit by magnitude (see `epochToMilliseconds`).
 */

const ZERO = 0x30;
const MINUS = 0x2d;
const PLUS = 0x2b;
const SLASH = 0x2f;
const COLON = 0x3a;
const DOT = 0x2e;
const SPACE = 0x20;

const DAY = 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Parsing helpers advance this cursor instead of returning pairs, which would allocate.
let cursor = 0;

/** Reads `min` to `max` digits at `cursor`; -1 when there are fewer than `min`. */
function readDigits(bytes: Uint8Array, end: number, min: number, max: number): number {
  let value = 0;
  let count = 0;
  while (count < max && cursor < end) {
    const digit = bytes[cursor] - ZERO;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
    cursor++;
    count++;
  }
  return count < min ? -1 : value;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days since 1970-01-01 of a valid proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function dateMilliseconds(year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1) return NaN;
  const limit = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
  if (day > limit) return NaN;
  return daysFromCivil(year, month, day) * DAY;
}

/** Milliseconds since midnight of `HH:MM[:SS[.fraction]]` at `cursor`, or NaN. */
function readTimeOfDay(bytes: Uint8Array, end: number): number {
  const hour = readDigits(bytes, end, 1, 2);
  if (hour < 0 || hour > 23 || bytes[cursor] !== COLON) return NaN;
  cursor++;
  const minute = readDigits(bytes, end, 2, 2);
  if (minute < 0 || minute > 59) return NaN;
  let second = 0;
  let millisecond = 0;
  if (cursor < end && bytes[cursor] === COLON) {
    cursor++;
    second = readDigits(bytes, end, 2, 2);
    if (second < 0 || second > 59) return NaN;
    if (cursor < end && (bytes[cursor] === DOT || bytes[cursor] === 0x2c)) {
      cursor++;
      const fractionStart = cursor;
      let scale = 100;
      while (cursor < end) {
        const digit = bytes[cursor] - ZERO;
        if (digit < 0 || digit > 9) break;
        millisecond += digit * scale;
        scale /= 10;
        cursor++;
      }
      if (cursor === fractionStart) return NaN;
      millisecond = Math.floor(millisecond);
    }
  }
  return ((hour * 60 + minute) * 60 + second) * 1000 + millisecond;
}

/** The zone offset in milliseconds at `cursor` (which must reach `end`), or NaN. */
function readZone(bytes: Uint8Array, end: number): number {
  while (cursor < end && bytes[cursor] === SPACE) cursor++;
  if (cursor === end) return 0;
  const first = bytes[cursor] | 0x20; // lower case
  if (first === 0x7a /* z */ && cursor + 1 === end) return 0;
  if (end - cursor === 3) {
    const word = ((first << 16) | ((bytes[cursor + 1] | 0x20) << 8) | (bytes[cursor + 2] | 0x20)) >>> 0;
    if (word === 0x757463 /* utc */ || word === 0x676d74 /* gmt */) return 0;
  }
  if (bytes[cursor] !== PLUS && bytes[cursor] !== MINUS) return NaN;
  const sign = bytes[cursor] === MINUS ? -1 : 1;
  cursor++;
  const hours = readDigits(bytes, end, 2, 2);
  if (hours < 0 || hours > 23) return NaN;
  let minutes = 0;
  if (cursor < end) {
    if (bytes[cursor] === COLON) cursor++;
    minutes = readDigits(bytes, end, 2, 2);
    if (minutes < 0 || minutes > 59) return NaN;
  }
  if (cursor !== end) return NaN;
  return sign * (hours * 60 + minutes) * 60_000;
}

function isDigitsOnly(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  if (bytes[i] === MINUS) i++;
  let digits = 0;
  let dots = 0;
  for (; i < end; i++) {
    const c = bytes[i];
    if (c === DOT) dots++;
    else if (c >= ZERO && c <= ZERO + 9) digits++;
    else return false;
  }
  return digits > 0 && dots <= 1;
}

/** Milliseconds since the epoch (UTC) of the time in bytes [start, end), or NaN. */
export function parseTimestamp(bytes: Uint8Array, start: number, end: number): number {
  start = trimStart(bytes, start, end);
  end = trimEnd(bytes, start, end);
  if (start === end) return NaN;
  cursor = start;
  const year = readDigits(bytes, end, 4, 4);
  if (year >= 0 && cursor < end && (bytes[cursor] === MINUS || bytes[cursor] === SLASH)) {
    const separator = bytes[cursor++];
    const month = readDigits(bytes, end, 1, 2);
    if (month < 0 || bytes[cursor] !== separator) return NaN;
    cursor++;
    const day = readDigits(bytes, end, 1, 2);
    if (day < 0) return NaN;
    const date = dateMilliseconds(year, month, day);
    if (cursor === end) return date;
    const between = bytes[cursor] | 0x20;
    if (between !== 0x74 /* t */ && between !== SPACE) return NaN;
    cursor++;
    const timeOfDay = readTimeOfDay(bytes, end);
    const offset = readZone(bytes, end);
    return date + timeOfDay - offset;
  }
  if (!isDigitsOnly(bytes, start, end)) return NaN;
  if (end - start === 8 && year >= 1900 && year <= 2099) {
    cursor = start + 4;
    const month = readDigits(bytes, end, 2, 2);
    const day = readDigits(bytes, end, 2, 2);
    const date = dateMilliseconds(year, month, day);
    if (!Number.isNaN(date)) return date;
  }
  return epochToMilliseconds(parseDecimal(bytes, start, end));
}

/** Milliseconds since midnight of a separate time-of-day field (`09:30`, `09:30:00.5`), or NaN. */
export function parseTimeOfDay(bytes: Uint8Array, start: number, end: number): number {
  start = trimStart(bytes, start, end);
  end = trimEnd(bytes, start, end);
  cursor = start;
  const value = readTimeOfDay(bytes, end);
  return cursor === end ? value : NaN;
}
