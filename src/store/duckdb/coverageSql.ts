import { Timeframe, timeframeCodes } from '../../core/index.js';

const DAY = 86_400_000;

/** `CASE timeframe WHEN '1m' THEN 60000 ...`: the grid step of every known timeframe code. */
function stepExpression(column: string): string {
  const branches = timeframeCodes.map((code) => `WHEN '${code}' THEN ${Timeframe.of(code).milliseconds}`).join(' ');
  return `CASE ${column} ${branches} END`;
}

/**
 * Weekdays in the days before day number `n` (days since 1970-01-01, a Thursday), counted from
 * the Monday 1969-12-29; the difference of two calls counts the weekdays between them.
 */
function weekdaysBefore(dayExpression: string): string {
  const monday = `(${dayExpression} + 3)`;
  return `(5 * floor(${monday} / 7.0) + least(${monday} - 7 * floor(${monday} / 7.0), 5))`;
}

/**
 * Coverage per (symbol, timeframe), set-based: LAG gives each bar's predecessor, the step
 * between them gives the grid slots skipped. Daily bars count only skipped weekdays (a Friday
 * to Monday step skips none). `where` is a SQL condition on `series` (symbol, timeframe), or 'TRUE'.
 * Columns: symbol, timeframe, first, last, count, gaps, missing (numbers as DOUBLE).
 */
export function coverageSql(where: string): string {
  const previousDay = `floor(previous / ${DAY}.0)`;
  const currentDay = `floor(t / ${DAY}.0)`;
  return `
    WITH ordered AS (
      SELECT s.symbol, s.timeframe, epoch_ms(v.time) AS t,
             lag(epoch_ms(v.time)) OVER (PARTITION BY v.series_id ORDER BY v.time) AS previous
      FROM bar_values v JOIN series s ON s.series_id = v.series_id WHERE ${where}
    ), steps AS (
      SELECT symbol, timeframe, t,
             CASE
               WHEN previous IS NULL THEN 0
               WHEN timeframe = '1d' THEN greatest(0, ${weekdaysBefore(currentDay)} - ${weekdaysBefore(`(${previousDay} + 1)`)})
               ELSE greatest(0, floor((t - previous) / ${stepExpression('timeframe')}) - 1)
             END AS missing
      FROM ordered
    )
    SELECT symbol, timeframe, min(t)::DOUBLE AS first, max(t)::DOUBLE AS last, count(*)::DOUBLE AS count,
           count(*) FILTER (WHERE missing > 0)::DOUBLE AS gaps, coalesce(sum(missing), 0)::DOUBLE AS missing
    FROM steps
    GROUP BY symbol, timeframe
    ORDER BY symbol, timeframe`;
}
