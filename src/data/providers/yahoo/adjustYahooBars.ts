/**
 * What Yahoo's chart API serves, and how each `adjustment` option is made from it:
 *
 * - `indicators.quote` (open, high, low, close, volume) is split-adjusted: for every split
 *   after a bar, Yahoo has multiplied its prices by denominator/numerator and its volume by
 *   numerator/denominator (a 4:1 split turns a 500.00 close into 125.00 and 30M shares into
 *   120M). Dividends are not in it.
 * - `indicators.adjclose` is the close adjusted for splits and dividends (Yahoo's CRSP-style
 *   factor: each cash dividend multiplies every earlier close by 1 - dividend / the close
 *   before the ex-date). Only daily and longer intervals carry it.
 * - `events.splits` has numerator, denominator and the ex-date; `events.dividends` the
 *   split-adjusted amount and the ex-date. A chart answer lists only the events of the range
 *   it covers, while the quotes are adjusted for every split up to today.
 *
 * So:
 * - `split`: the quotes as served.
 * - `none`: the quotes with the split adjustment undone — prices times the product of
 *   numerator/denominator over every split whose ex-date is after the bar (up to today, which
 *   is why the provider asks for the split events up to now), volume divided by it.
 * - `all`: open, high, low and close times adjclose/close of the bar (the dividend factor; for
 *   intraday bars, the factor of the bar's trading day from the daily series), volume as
 *   served (split-adjusted; dividends do not change share counts).
 * A null field stays NaN under every option.
 */
export type YahooAdjustment = 'none' | 'split' | 'all';

export interface PriceColumns {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export interface SplitEvent {
  /** Ex-date instant (ms): bars at or after it trade on the new share count. */
  time: number;
  numerator: number;
  denominator: number;
}

/** Undoes Yahoo's split adjustment in place; `times` are Yahoo's own bar instants (ms). */
export function undoSplitAdjustment(times: ArrayLike<number>, columns: PriceColumns, splits: readonly SplitEvent[]): void {
  for (let i = 0; i < times.length; i++) {
    let factor = 1;
    for (const split of splits) if (split.time > times[i]) factor *= split.numerator / split.denominator;
    if (factor === 1) continue;
    columns.open[i] *= factor;
    columns.high[i] *= factor;
    columns.low[i] *= factor;
    columns.close[i] *= factor;
    columns.volume[i] /= factor;
  }
}

/** adjclose / close per bar: the dividend factor (NaN where either is missing). */
export function dividendFactors(close: Float64Array, adjclose: Float64Array): Float64Array {
  const factors = new Float64Array(close.length);
  for (let i = 0; i < close.length; i++) factors[i] = adjclose[i] / close[i];
  return factors;
}

/** Multiplies open, high, low and close by each bar's factor, in place. */
export function applyPriceFactors(columns: PriceColumns, factors: ArrayLike<number>): void {
  for (let i = 0; i < factors.length; i++) {
    const factor = factors[i];
    columns.open[i] *= factor;
    columns.high[i] *= factor;
    columns.low[i] *= factor;
    columns.close[i] *= factor;
  }
}
