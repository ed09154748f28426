import { Timeframe, timeframeCodes } from '../core/index.js';

const DAY = 86_400_000;

/**
 * The grid arithmetic of `coverage`, shared by the SQL of both stores so that they count gaps
 * alike. `floatCast` follows every numeric literal: '::float8' for PostgreSQL (whose integer and
 * numeric literals would otherwise divide as numeric), '' for DuckDB (whose decimal literals
 * already divide as DOUBLE). Millisecond times are exact in float8 arithmetic.
 */

/** `CASE timeframe WHEN '1m' THEN 60000 ...`: the grid step of every known timeframe code. */
function stepExpression(column: string, floatCast: string): string {
  const branches = timeframeCodes.map((code) => `WHEN '${code}' THEN ${Timeframe.of(code).milliseconds}${floatCast}`).join(' ');
  return `CASE ${column} ${branches} END`;
}

/**
 * Weekdays in the days before day number `n` (days since 1970-01-01, a Thursday), counted from
 * the Monday 1969-12-29; the difference of two calls counts the weekdays between them.
 */
function weekdaysBefore(dayExpression: string, floatCast: string): string {
  const monday = `(${dayExpression} + 3)`;
  return `(5 * floor(${monday} / 7.0${floatCast}) + least(${monday} - 7 * floor(${monday} / 7.0${floatCast}), 5))`;
}

/**
 * Grid slots skipped between a bar at `t` and its predecessor at `previous` (NULL for the first
 * bar: 0), both ms since the epoch as floating point: daily bars count only skipped weekdays (a
 * Friday to Monday step skips none), other timeframes every skipped step of their grid.
 */
export function missingBarsExpression(t: string, previous: string, timeframe: string, floatCast: string): string {
  const previousDay = `floor(${previous} / ${DAY}.0${floatCast})`;
  const currentDay = `floor(${t} / ${DAY}.0${floatCast})`;
  return `CASE
               WHEN ${previous} IS NULL THEN 0
               WHEN ${timeframe} = '1d' THEN greatest(0, ${weekdaysBefore(currentDay, floatCast)} - ${weekdaysBefore(`(${previousDay} + 1)`, floatCast)})
               ELSE greatest(0, floor((${t} - ${previous}) / ${stepExpression(timeframe, floatCast)}) - 1)
             END`;
}
