import type { PreparedSymbol } from './SimulationState.js';

/**
 * For each step of the shared clock, the symbols with a bar then, as compressed rows: step t
 * owns entries `stepStart[t] .. stepStart[t + 1] - 1`, each a symbol (ascending within the
 * step) and that symbol's bar index, with its entry/exit-array signal bits (1 long entry,
 * 2 long exit, 4 short entry, 8 short exit) alongside.
 *
 * Why: the per-step loop then reads contiguous arrays instead of probing every symbol's own
 * columns at every step. Reading 500 separate series in time order touches 500 distant memory
 * pages per step, and that costs several times the work done there.
 */
export interface ClockRows {
  stepStart: Int32Array;
  entrySymbol: Int32Array;
  entryIndex: Int32Array;
  entrySignals: Uint8Array;
}

/** The sorted union of two sorted arrays without repeats. */
function union(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x < y) out[n++] = a[i++];
    else if (y < x) out[n++] = b[j++];
    else {
      out[n++] = x;
      i++;
      j++;
    }
  }
  while (i < a.length) out[n++] = a[i++];
  while (j < b.length) out[n++] = b[j++];
  return n === out.length ? out : out.slice(0, n);
}

/** First index at or after `from` whose value is >= `value`, by galloping (cheap when it is near). */
function gallop(values: Float64Array, value: number, from: number): number {
  let low = from;
  let step = 1;
  let high = from;
  while (high < values.length && values[high] < value) {
    low = high + 1;
    high += step;
    step *= 2;
  }
  if (high > values.length) high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** True when `a` and `b` hold the same times. */
function sameTimes(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The shared clock: the sorted union of the symbols' bar times (a tree of pairwise unions:
 * linear when the symbols share their times). Symbols that all share one clock (a portfolio of
 * one market's bars) get a copy of it after one comparison pass instead of the merge tree,
 * which would allocate and merge the whole clock once per level (a tenth of such a run).
 */
export function buildClock(prepared: readonly PreparedSymbol[]): Float64Array {
  if (prepared.length > 1 && prepared.every((item) => sameTimes(item.bars.time, prepared[0].bars.time))) return prepared[0].bars.time.slice();
  let parts = prepared.map((item) => item.bars.time);
  while (parts.length > 1) {
    const next: Float64Array[] = [];
    for (let k = 0; k < parts.length; k += 2) next.push(k + 1 < parts.length ? union(parts[k], parts[k + 1]) : parts[k]);
    parts = next;
  }
  return parts.length === 1 ? parts[0] : new Float64Array(0);
}

/** The per-step rows of `time` (the clock `buildClock` made from the same symbols). */
export function buildClockRows(prepared: readonly PreparedSymbol[], time: Float64Array): ClockRows {
  let total = 0;
  for (const item of prepared) total += item.bars.length;
  // Each bar's step on the clock: most bars sit at the clock's next step; gallop only over a gap.
  const stepOf = new Int32Array(total);
  const stepStart = new Int32Array(time.length + 1);
  let offset = 0;
  for (const item of prepared) {
    const times = item.bars.time;
    let step = -1;
    for (let i = 0; i < times.length; i++) {
      step = time[step + 1] === times[i] ? step + 1 : gallop(time, times[i], step + 1);
      stepOf[offset + i] = step;
      stepStart[step + 1]++;
    }
    offset += times.length;
  }
  for (let t = 0; t < time.length; t++) stepStart[t + 1] += stepStart[t];
  const fill = stepStart.slice(0, time.length);
  const entrySymbol = new Int32Array(total);
  const entryIndex = new Int32Array(total);
  const entrySignals = new Uint8Array(total);
  offset = 0;
  for (let s = 0; s < prepared.length; s++) {
    const { bars, longEntries, longExits, shortEntries, shortExits } = prepared[s];
    const n = bars.length;
    for (let i = 0; i < n; i++) {
      const e = fill[stepOf[offset + i]]++;
      entrySymbol[e] = s;
      entryIndex[e] = i;
      // The entry of each bar, kept in place of its step, for the signal bits below.
      stepOf[offset + i] = e;
    }
    const columns = [longEntries, longExits, shortEntries, shortExits];
    for (let k = 0; k < 4; k++) {
      const column = columns[k];
      if (column === undefined) continue;
      const bit = 1 << k;
      for (let i = 0; i < n; i++) if (column[i] !== 0) entrySignals[stepOf[offset + i]] |= bit;
    }
    offset += n;
  }
  return { stepStart, entrySymbol, entryIndex, entrySignals };
}
