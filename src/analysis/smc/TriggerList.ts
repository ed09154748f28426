import { keepShapes } from './keepShapes.js';

/**
 * Open levels waiting for price to reach them (unfilled gaps, untouched order blocks, equal
 * highs not yet taken), kept sorted so that the level price reaches first is last: a bar then
 * costs one comparison with `next` plus one per level it actually reaches, however many levels
 * stay open for ever in a trend. Inserting shifts only the levels beyond the new one, which are
 * few, since a new level is usually the one nearest to price. Hand-written rather than
 * `splice`d: this is on the per-bar path, and a splice costs more than the whole shift.
 *
 * `falling`: triggered when price comes down to the key, so the highest key goes first.
 * `rising`: triggered when price goes up to the key, so the lowest key goes first.
 * Among equal keys the older item goes first.
 */
export class TriggerList<T> {
  private readonly items: (T | undefined)[] = [];
  private readonly keys: number[] = [];
  private count = 0;
  private readonly rising: boolean;
  /** The key reached first; NaN when empty, which no comparison satisfies. */
  next = NaN;

  constructor(direction: 'falling' | 'rising') {
    this.rising = direction === 'rising';
  }

  get size(): number {
    return this.count;
  }

  /** Removes and returns the item of `next`. */
  pop(): T {
    const last = --this.count;
    const item = this.items[last] as T;
    this.items[last] = undefined; // let it be collected
    this.next = last > 0 ? this.keys[last - 1] : NaN;
    return item;
  }

  insert(item: T, key: number): void {
    // Stored order: falling -> keys ascending; rising -> keys descending. The new item goes
    // before (deeper than) older items of an equal key.
    const keys = this.keys;
    const items = this.items;
    let position = this.count++;
    if (this.rising) {
      while (position > 0 && keys[position - 1] <= key) {
        keys[position] = keys[position - 1];
        items[position] = items[position - 1];
        position--;
      }
    } else {
      while (position > 0 && keys[position - 1] >= key) {
        keys[position] = keys[position - 1];
        items[position] = items[position - 1];
        position--;
      }
    }
    keys[position] = key;
    items[position] = item;
    this.next = keys[this.count - 1];
  }

  /** Removes `item` wherever it is; false when absent. */
  remove(item: T): boolean {
    const items = this.items;
    const keys = this.keys;
    let position = -1;
    for (let k = 0; k < this.count; k++) {
      if (items[k] === item) {
        position = k;
        break;
      }
    }
    if (position < 0) return false;
    for (let k = position + 1; k < this.count; k++) {
      items[k - 1] = items[k];
      keys[k - 1] = keys[k];
    }
    const last = --this.count;
    items[last] = undefined;
    this.next = last > 0 ? keys[last - 1] : NaN;
    return true;
  }

  /** Removes every item `test` accepts, keeping the others in order. */
  removeWhere(test: (item: T) => boolean): void {
    const items = this.items;
    const keys = this.keys;
    let kept = 0;
    for (let k = 0; k < this.count; k++) {
      const item = items[k] as T;
      if (test(item)) continue;
      items[kept] = item;
      keys[kept] = keys[k];
      kept++;
    }
    for (let k = kept; k < this.count; k++) items[k] = undefined;
    this.count = kept;
    this.next = kept > 0 ? keys[kept - 1] : NaN;
  }

  /** The item at `position` in stored order (the one reached first is at `size - 1`). */
  at(position: number): T {
    return this.items[position] as T;
  }

  /** The items in stored order (a copy). */
  values(): T[] {
    return this.items.slice(0, this.count) as T[];
  }

  clear(): void {
    for (let k = 0; k < this.count; k++) this.items[k] = undefined;
    this.count = 0;
    this.next = NaN;
  }
}

keepShapes(new TriggerList<unknown>('falling'));
