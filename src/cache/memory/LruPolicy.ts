import type { EvictionPolicy } from './EvictionPolicy.js';
import { SlotLists } from './SlotLists.js';

/** Least recently used: one list, a hit moves its slot to the front, the back goes first. */
export class LruPolicy implements EvictionPolicy {
  private readonly lists: SlotLists;

  constructor(slotCapacity: number) {
    this.lists = new SlotLists(1, slotCapacity);
  }

  grow(slotCapacity: number): void {
    this.lists.grow(slotCapacity);
  }

  add(slot: number): void {
    this.lists.pushFront(0, slot);
  }

  access(slot: number): void {
    this.lists.moveToFront(0, slot);
  }

  remove(slot: number): void {
    this.lists.unlink(slot);
  }

  victim(): number {
    return this.lists.last(0);
  }
}
