import { Timeframe, timeframeCodes } from '../../core/index.js';

const DAY = 86_400_000;

/** `CASE timeframe WHEN '1m' THEN 60000 ...`: the grid step of every known timeframe code. */
function stepExpression(column: string): string {
  const branches = timeframeCodes.map((code) => `WHEN '${code}' THEN ${Timeframe.of(code).milliseconds}::float8`).join(' ');
  return `CASE ${column} ${branches} END`;
}

/**
 * Weekdays in the days before day number `n` (days since 1970-01-01, a Thursday), counted from
 * the Monday 1969-12-29; the difference of two calls counts the weekdays between them.
 */
function weekdaysBefore(dayExpression: string): string {
  const monday = `(${dayExpression} + 3)`;
  return `(5 * floor(${monday} / 7.0::float8) + least(${monday} - 7 * floor(${monday} / 7.0::float8), 5))`;
}

/**
 * Coverage per (symbol, timeframe), with the DuckDB adapter's semantics (the same set-based
 * arithmetic): LAG gives each bar's predecessor, the step between them the grid slots skipped;
 * daily bars count only skipped weekdays (a Friday to Monday step skips none). Arithmetic is in
 * float8, exact for millisecond times, as DuckDB's DOUBLE division is. `where` is a condition on
 * `candles` (symbol, timeframe), or 'TRUE'. The window runs along the primary key's order.
 * Columns: symbol, timeframe, first, last, count, gaps, missing (all numbers float8).
 */
export function coverageSql(where: string): string {
  const previousDay = `floor(previous / ${DAY}.0::float8)`;
  const currentDay = `floor(t / ${DAY}.0::float8)`;
  return `
    WITH ordered AS (
      SELECT symbol, timeframe, time::float8 AS t,
             (lag(time) OVER (PARTITION BY symbol, timeframe ORDER BY time))::float8 AS previous
      FROM candles WHERE ${where}
    ), steps AS (
      SELECT symbol, timeframe, t,
             CASE
               WHEN previous IS NULL THEN 0
               WHEN timeframe = '1d' THEN greatest(0, ${weekdaysBefore(currentDay)} - ${weekdaysBefore(`(${previousDay} + 1)`)})
               ELSE greatest(0, floor((t - previous) / ${stepExpression('timeframe')}) - 1)
             END AS missing
      FROM ordered
    )
    SELECT symbol, timeframe, min(t) AS first, max(t) AS last, count(*)::float8 AS count,
           count(*) FILTER (WHERE missing > 0)::float8 AS gaps, coalesce(sum(missing), 0)::float8 AS missing
    FROM steps
    GROUP BY symbol, timeframe
    ORDER BY symbol, timeframe`;
}
