import type { SignalSide } from '../Signal.js';

/** A position as the router accounts it. */
export interface RouterPosition {
  symbol: string;
  /** Set in `books` mode: the strategy whose book holds it. */
  book?: string;
  owner: string;
  side: SignalSide;
  /** Fraction of equity committed: the sum of the entry sizes, less what closes freed. */
  exposure: number;
}
