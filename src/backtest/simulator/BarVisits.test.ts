import { describe, expect, it } from 'vitest';
import { Bars } from '../../core/Bars.js';
import { Timeframe } from '../../core/Timeframe.js';
import { BarVisits, visitState } from './BarVisits.js';

const everReady = { ready: Infinity, through: () => undefined };

function bars(length: number): Bars {
  const result = Bars.allocate('X', Timeframe.of('1m'), length);
  for (let i = 0; i < length; i++) {
    result.time[i] = i * 60_000;
    result.open[i] = 100 + i;
    result.high[i] = 101 + i;
    result.low[i] = 99 + i;
    result.close[i] = 100.5 + i;
    result.volume[i] = 1;
  }
  return result;
}

function column(length: number, at: number[]): Uint8Array {
  const values = new Uint8Array(length);
  for (const i of at) values[i] = 1;
  return values;
}

/** Every listed bar of every chunk, with its flags and the state expected after it. */
function listAll(visits: BarVisits): Array<[number, number, number]> {
  const listed: Array<[number, number, number]> = [];
  for (let count = visits.next(everReady); count > 0; count = visits.next(everReady)) {
    for (let j = 0; j < count; j++) listed.push([visits.bar[j], visits.flags[j], visits.expected[j]]);
  }
  return listed;
}

describe('BarVisits', () => {
  it('lists the signals that make orders, the bars where they fill and the last bar, with their prices', () => {
    const series = bars(20);
    // Entries at 2, 3 (held by then: no order), 9; exits at 1 (flat: no order), 5, 12; both at 15 (neither).
    const entries = column(20, [2, 3, 9, 15]);
    const exits = column(20, [1, 5, 12, 15]);
    const visits = new BarVisits(series, entries, exits, { maxEntries: 1, atClose: false });
    expect(listAll(visits)).toEqual([
      [2, 1, visitState(false, 0, 1)],
      [3, 1, visitState(true, 1, 0)],
      [5, 2, visitState(true, 1, -1)],
      [6, 0, visitState(false, 0, 0)],
      [9, 1, visitState(false, 0, 1)],
      [10, 0, visitState(true, 1, 0)],
      [12, 2, visitState(true, 1, -1)],
      [13, 0, visitState(false, 0, 0)],
      [19, 0, visitState(false, 0, 0)],
    ]);
    const again = new BarVisits(series, entries, exits, { maxEntries: 1, atClose: false });
    const count = again.next(everReady);
    expect(Array.from(again.open.subarray(0, count))).toEqual([102, 103, 105, 106, 109, 110, 112, 113, 119]);
    expect(Array.from(again.low.subarray(0, 2))).toEqual([101, 102]);
  });

  it('follows pyramiding up to maxEntries, and fills at the close without a next bar', () => {
    const series = bars(10);
    const entries = column(10, [1, 3, 5]);
    const exits = column(10, [7]);
    const atClose = new BarVisits(series, entries, exits, { maxEntries: 2, atClose: true });
    expect(listAll(atClose).map(([bar]) => bar)).toEqual([1, 3, 7, 9]);
  });

  it('lists again from the run’s own position after an order that did not fill', () => {
    const series = bars(12);
    const entries = column(12, [1, 6]);
    const exits = column(12, [4]);
    const visits = new BarVisits(series, entries, exits, { maxEntries: 1, atClose: false });
    expect(listAll(visits).map(([bar]) => bar)).toEqual([1, 2, 4, 5, 6, 7, 11]);
    // The entry of bar 1 was refused at bar 2's open: still flat, so the exit at 4 makes no order.
    visits.restart(3, false, 0, 0);
    expect(listAll(visits).map(([bar]) => bar)).toEqual([6, 7, 11]);
  });

  it('readies unvalidated bars through each chunk before copying them', () => {
    const series = bars(5_000);
    const entries = column(5_000, Array.from({ length: 2_400 }, (_, k) => 2 * k));
    const readied: number[] = [];
    const barsAhead = {
      ready: 0,
      through(i: number) {
        readied.push(i);
        this.ready = i + 1;
      },
    };
    const visits = new BarVisits(series, entries, undefined, { maxEntries: 1_000_000, atClose: false });
    let listed = 0;
    for (let count = visits.next(barsAhead); count > 0; count = visits.next(barsAhead)) {
      expect(visits.bar[count - 1]).toBeLessThan(barsAhead.ready);
      listed += count;
    }
    expect(readied.length).toBeGreaterThan(1);
    expect(listed).toBe(4_801);
  });
});
