/** Opening or closing a position. */
export type SignalKind = 'entry' | 'exit';
export type SignalSide = 'long' | 'short';

/**
 * What a strategy says about one bar. A signal is known at the close of bar `index` (DESIGN.md
 * section 3): an executor fills it no earlier than the next bar's open.
 */
export interface SignalFields {
  kind: SignalKind;
  side: SignalSide;
  /** Fraction of the position the sizer allows, in (0, 1]; default 1. On an exit, the fraction of the open position to close. */
  size?: number;
  /** Price at which the position is closed at a loss. */
  stopLoss?: number;
  /** First price at which the position is closed at a profit. */
  takeProfit?: number;
  /** Further profit targets beyond `takeProfit`, nearest first (e.g. liquidity pools). */
  targets?: readonly number[];
  /** Trailing-stop distance in price units, measured from the best price since entry. */
  trailingStop?: number;
  /** A short label grouping signals for attribution (`golden-cross`, `ob-retest`). */
  tag?: string;
  /** Why, in words a trader can check on a chart: which rule, which level, which structure. */
  reason: string;
}

/** A signal with its origin: which strategy, which symbol, which bar. */
export interface Signal extends SignalFields {
  strategy: string;
  symbol: string;
  /** Bar index in the strategy's input series. */
  index: number;
  /** Open time of that bar (ms since epoch, UTC); the signal is known at its close. */
  time: number;
}

/** Where a strategy puts the signals of a bar, in both its vectorized and its incremental form. */
export type EmitSignal = (index: number, fields: SignalFields) => void;
