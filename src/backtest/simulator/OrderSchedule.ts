import type { SimulationState } from './SimulationState.js';

/** Places one scheduled order (or a group of them) at the close of its bar. */
export type PlaceOrder = (state: SimulationState, i: number) => void;

/**
 * Orders known before the run (order requests, pre-routed orders), by symbol and by the bar at
 * whose close they are placed; within one bar, in the order they were given. The run asks
 * `due(s, i)` at each bar, which moves a pointer forward: no search, no allocation.
 */
export class OrderSchedule {
  private readonly bars: number[][];
  private readonly places: PlaceOrder[][];
  private readonly next: Int32Array;

  constructor(symbolCount: number) {
    this.bars = Array.from({ length: symbolCount }, () => []);
    this.places = Array.from({ length: symbolCount }, () => []);
    this.next = new Int32Array(symbolCount);
  }

  add(s: number, index: number, place: PlaceOrder): void {
    this.bars[s].push(index);
    this.places[s].push(place);
  }

  /** Sorts each symbol's entries by bar, stably (call once, after the last `add`). */
  seal(): void {
    for (let s = 0; s < this.bars.length; s++) {
      const order = this.bars[s].map((_, k) => k).sort((a, b) => this.bars[s][a] - this.bars[s][b] || a - b);
      this.bars[s] = order.map((k) => this.bars[s][k]);
      this.places[s] = order.map((k) => this.places[s][k]);
    }
  }

  /** True when symbol `s` has scheduled orders at all. */
  has(s: number): boolean {
    return this.bars[s].length > 0;
  }

  /** Places the orders of symbol `s` scheduled at bar `i` (and skips any left before it). */
  placeDue(state: SimulationState, s: number, i: number): void {
    const bars = this.bars[s];
    let k = this.next[s];
    while (k < bars.length && bars[k] < i) k++;
    while (k < bars.length && bars[k] === i) this.places[s][k++](state, i);
    this.next[s] = k;
  }
}
