import { missingBarsExpression } from '../coverageArithmetic.js';

/**
 * Coverage per (symbol, timeframe), with the DuckDB adapter's semantics (the same set-based
 * arithmetic, coverageArithmetic.ts): LAG gives each bar's predecessor, the step between them the
 * grid slots skipped. Arithmetic is in float8, exact for millisecond times, as DuckDB's DOUBLE
 * division is. `where` is a condition on `series` (symbol, timeframe), or 'TRUE'.
 *
 * Series by series (a LATERAL subquery per `series` row): each walks its own range of the primary
 * key (series_id, time) in time order, so the window needs no sort however many bars are stored.
 * A series row without bars (none is written so, but one may be left by hand) yields no entry.
 * Columns: symbol, timeframe, first, last, count, gaps, missing (all numbers float8).
 */
export function coverageSql(where: string): string {
  return `
    SELECT s.symbol, s.timeframe, c.first, c.last, c.count, c.gaps, c.missing
    FROM series s CROSS JOIN LATERAL (
      SELECT min(t) AS first, max(t) AS last, count(*)::float8 AS count,
             count(*) FILTER (WHERE missing > 0)::float8 AS gaps, coalesce(sum(missing), 0)::float8 AS missing
      FROM (
        SELECT t, ${missingBarsExpression('t', 'previous', 's.timeframe', '::float8')} AS missing
        FROM (
          SELECT v.time::float8 AS t, (lag(v.time) OVER (ORDER BY v.time))::float8 AS previous
          FROM candle_values v WHERE v.series_id = s.series_id
        ) ordered
      ) steps
    ) c
    WHERE (${where}) AND c.count > 0
    ORDER BY s.symbol, s.timeframe`;
}
