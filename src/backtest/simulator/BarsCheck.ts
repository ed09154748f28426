import type { Bars } from '../../core/Bars.js';
import { TickforgeError } from '../../core/errors.js';
import { checkBars } from './prepareSymbols.js';

/** Bars per block: six columns of 2,048 doubles (96 KB) stay in the core's cache until the run reads them. */
const BLOCK = 2_048;

/**
 * What a single-symbol run asks before it reads bar `i` (when `i >= ready`): `through(i)` readies
 * the bars from `i` on, at least through `i` itself, and moves `ready` past them.
 */
export interface BarsAhead {
  /** Bars before `ready` need nothing more before the run reads them. */
  ready: number;
  through(i: number): void;
}

/**
 * The check of `prepareSymbols` (strictly increasing times, finite prices with
 * low <= open, close <= high, volume >= 0), made block by block just ahead of a run that reads
 * the bars in order. The run asks for every bar it reads (`through`), so each block is checked
 * before any of its bars is used, and the run's last bar makes it check the rest: the whole
 * series is checked, as before, but in the same pass as the run. Why: the check reads all six
 * columns (most of a sparse-signal run's memory traffic) and the run then read its bars again
 * from memory, one cache miss per bar it touched; checked a block at a time, those bars are
 * still in the cache when the run reaches them.
 *
 * A failing block makes `checkBars` scan the series from its start and throw the very error
 * (first bad row) the upfront check throws. The run has nothing to undo: a thrown run returns
 * nothing.
 */
export class BarsCheck implements BarsAhead {
  /** Bars [0, ready) are known good. */
  ready = 0;
  private previous = -Infinity;

  constructor(
    private readonly where: string,
    private readonly bars: Bars,
  ) {}

  /** Checks every block up to the one holding bar `i`. @throws TF_ERR_BACKTEST_INPUT as `prepareSymbols` does */
  through(i: number): void {
    const { time, open, high, low, close, volume } = this.bars;
    const n = time.length;
    let start = this.ready;
    let previous = this.previous;
    while (start <= i && start < n) {
      const end = Math.min(n, start + BLOCK);
      // One flag per block instead of one exit per bar: the loop stays a straight run of loads and compares.
      let bad = false;
      for (let k = start; k < end; k++) {
        const t = time[k];
        const h = high[k];
        const l = low[k];
        const o = open[k];
        const c = close[k];
        // Every comparison with NaN is false, and a finite high bounds the rest.
        if (!(t > previous && l > 0 && l <= o && o <= h && l <= c && c <= h && h < Infinity && volume[k] >= 0)) bad = true;
        previous = t;
      }
      if (bad) {
        checkBars(this.where, this.bars);
        // Unreachable while both tests are the same; a loud error rather than a run on unchecked bars if they ever differ.
        throw new TickforgeError('TF_ERR_BACKTEST_INPUT', `Backtest input ${this.where} of ${this.bars.symbol} failed the check of rows ${start} to ${end - 1} that the full check accepts; report this with the bars.`);
      }
      start = end;
    }
    this.ready = start;
    this.previous = previous;
  }
}
