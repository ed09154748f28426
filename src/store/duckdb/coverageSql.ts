import { missingBarsExpression } from '../coverageArithmetic.js';

/**
 * Coverage per (symbol, timeframe), set-based: LAG gives each bar's predecessor, the step
 * between them gives the grid slots skipped (coverageArithmetic.ts). `where` is a SQL condition
 * on `series` (symbol, timeframe), or 'TRUE'.
 * Columns: symbol, timeframe, first, last, count, gaps, missing (numbers as DOUBLE).
 */
export function coverageSql(where: string): string {
  return `
    WITH ordered AS (
      SELECT s.symbol, s.timeframe, epoch_ms(v.time) AS t,
             lag(epoch_ms(v.time)) OVER (PARTITION BY v.series_id ORDER BY v.time) AS previous
      FROM bar_values v JOIN series s ON s.series_id = v.series_id WHERE ${where}
    ), steps AS (
      SELECT symbol, timeframe, t,
             ${missingBarsExpression('t', 'previous', 'timeframe', '')} AS missing
      FROM ordered
    )
    SELECT symbol, timeframe, min(t)::DOUBLE AS first, max(t)::DOUBLE AS last, count(*)::DOUBLE AS count,
           count(*) FILTER (WHERE missing > 0)::DOUBLE AS gaps, coalesce(sum(missing), 0)::DOUBLE AS missing
    FROM steps
    GROUP BY symbol, timeframe
    ORDER BY symbol, timeframe`;
}
