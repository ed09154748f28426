import type { Bars } from '../../core/Bars.js';
import type { BarsAhead } from './BarsCheck.js';
import { LongSignalScan } from './LongSignalScan.js';

/** Bars gathered per chunk: ten columns of 1,024 entries (about 45 KB) stay in the core's cache while the run reads them. */
const CHUNK = 1_024;

/** What the listing assumes of the run: its pyramiding limit and whether orders fill at the signal bar's close. */
export interface VisitRules {
  maxEntries: number;
  atClose: boolean;
}

/**
 * The bars a long entry/exit run reads, in order, a chunk at a time, with their prices copied
 * side by side: the signal bars where the run makes an order, the bar after each (where that
 * order fills at the open) and the last bar. Why: with sparse signals these bars are scattered
 * over five 8 MB columns, and a run that reads each bar when it reaches it waits for one cache
 * miss after another (the next address depends on the branch that found the signal). Listing a
 * chunk's bars first and then copying their fields in a loop without branches keeps many of
 * those misses in flight at once, and the run reads the copies from the cache.
 *
 * Which signals make an order depends on the position (an entry while long makes none, an exit
 * while flat makes none), so the listing follows the position as if every order filled, and
 * skips the signals that make none: about half of them, and half the memory traffic. It records
 * the state it expects after each listed bar (`expected`, see `visitState`); an order that does
 * not fill (sizing, rounding, margin) makes the run's state differ, and the run then lists again
 * from its own state (`restart`). The bars it skips are those where the run would only mark its
 * equity, a value nothing reads before the next order's bar marks it again.
 *
 * `flags` holds 1 for an entry and 2 for an exit.
 */
export class BarVisits {
  readonly bar = new Int32Array(CHUNK);
  readonly flags = new Uint8Array(CHUNK);
  /** `visitState` of the run after each listed bar, as the listing expects it. */
  readonly expected = new Int32Array(CHUNK);
  readonly time = new Float64Array(CHUNK);
  readonly open = new Float64Array(CHUNK);
  readonly high = new Float64Array(CHUNK);
  readonly low = new Float64Array(CHUNK);
  readonly close = new Float64Array(CHUNK);
  private readonly scan: LongSignalScan;
  private readonly n: number;
  /** The next bar to consider (`n` once the last bar is listed). */
  private upcoming = 0;
  /** Bars listed so far, in all chunks. */
  private listed = 0;
  /** The position the listing expects before bar `upcoming`: long or not, entries made, and the order waiting for that bar's open (1 entry, -1 exit, 0 none). */
  private held = false;
  private entries = 0;
  private pending = 0;

  constructor(
    private readonly bars: Bars,
    entries: Uint8Array | undefined,
    exits: Uint8Array | undefined,
    readonly rules: VisitRules,
  ) {
    this.n = bars.length;
    this.scan = new LongSignalScan(entries, exits, this.n);
    this.restart(0, false, 0, 0);
  }

  /** Lists from bar `from` on, with the run's position as it is before that bar. */
  restart(from: number, held: boolean, entries: number, pending: number): void {
    const n = this.n;
    this.held = held;
    this.entries = entries;
    this.pending = pending;
    this.upcoming = from >= n ? n : pending !== 0 ? from : Math.min(this.scan.nextFrom(from), n - 1);
  }

  /** How many bars the whole listing holds, extrapolated from the bars covered so far (exact once it is done). */
  estimatedTotal(): number {
    const covered = Math.min(this.upcoming, this.n);
    return covered >= this.n || covered === 0 ? this.listed : Math.min(this.n, Math.ceil((this.listed * this.n) / covered));
  }

  /** Lists and copies the next chunk, readying its bars first (`barsAhead`); returns how many bars it holds (0 at the end). */
  next(barsAhead: BarsAhead): number {
    const n = this.n;
    const { bar, flags, expected, scan } = this;
    const { entries: entryColumn, exits: exitColumn } = scan;
    const { maxEntries, atClose } = this.rules;
    let v = this.upcoming;
    let held = this.held;
    let entries = this.entries;
    let pending = this.pending;
    let count = 0;
    // arraySignalOrders' rule, on the position as it would be if every order filled in full.
    while (count < CHUNK && v < n) {
      const signal = (entryColumn[v] !== 0 ? 1 : 0) | (exitColumn[v] !== 0 ? 2 : 0);
      const filling = pending !== 0;
      if (pending > 0) {
        held = true;
        entries++;
      } else if (pending < 0) {
        held = false;
        entries = 0;
      }
      pending = 0;
      const entry = signal === 1;
      const exit = signal === 2;
      const wanted = held ? (exit ? -1 : entry && entries < maxEntries ? 1 : 0) : entry ? 1 : 0;
      if (wanted > 0 && atClose) {
        held = true;
        entries++;
      } else if (wanted < 0 && atClose) {
        held = false;
        entries = 0;
      } else pending = wanted;
      const last = v === n - 1;
      if (filling || wanted !== 0 || last) {
        bar[count] = v;
        flags[count] = signal;
        expected[count] = visitState(held, entries, pending);
        count++;
      }
      if (last) v = n;
      else if (pending !== 0) v = v + 1;
      else v = Math.min(scan.nextFrom(v + 1), n - 1);
    }
    this.upcoming = v;
    this.listed += count;
    this.held = held;
    this.entries = entries;
    this.pending = pending;
    const { time, open, high, low, close } = this.bars;
    const t = this.time;
    const o = this.open;
    const h = this.high;
    const l = this.low;
    const c = this.close;
    // Unvalidated bars are checked through the chunk's last bar before any of its bars is copied.
    if (count > 0 && bar[count - 1] >= barsAhead.ready) barsAhead.through(bar[count - 1]);
    for (let j = 0; j < count; j++) {
      const i = bar[j];
      t[j] = time[i];
      o[j] = open[i];
      h[j] = high[i];
      l[j] = low[i];
      c[j] = close[i];
    }
    return count;
  }
}

/** One number for a long run's position: long or not, entries made, and the order waiting for the next open (1 entry, -1 exit, 0 none). */
export function visitState(held: boolean, entries: number, pending: number): number {
  return entries * 6 + (held ? 3 : 0) + pending + 1;
}
