/**
 * Several circular doubly linked lists over cache slots, held in one typed array.
 *
 * Hand-written because this is the cache's hot path: an LRU hit moves its slot to the front of
 * a list, and per-node objects (or a Map re-insert) cost an allocation or a hash per hit. Node
 * `i < listCount` is list i's sentinel, slot `s` is node `listCount + s`: with sentinels every
 * link and unlink is branch-free, and growing the slot capacity never moves a sentinel. A
 * node's two links sit side by side (next at 2n, previous at 2n + 1), so a move touches one
 * cache line per node involved instead of two.
 * "Front" is the most recently placed end; `last` is the other end (the next victim).
 */
export class SlotLists {
  private links: Int32Array | Uint16Array;

  constructor(
    readonly listCount: number,
    slotCapacity: number,
  ) {
    this.links = linkArray(2 * (listCount + slotCapacity));
    for (let list = 0; list < listCount; list++) {
      this.links[2 * list] = list;
      this.links[2 * list + 1] = list;
    }
  }

  /** Room for slots [0, slotCapacity); links of existing slots are kept. */
  grow(slotCapacity: number): void {
    const size = 2 * (this.listCount + slotCapacity);
    if (size <= this.links.length) return;
    const links = linkArray(size);
    links.set(this.links);
    this.links = links;
  }

  pushFront(list: number, slot: number): void {
    const node = slot + this.listCount;
    const links = this.links;
    const first = links[2 * list];
    links[2 * node] = first;
    links[2 * node + 1] = list;
    links[2 * first + 1] = node;
    links[2 * list] = node;
  }

  unlink(slot: number): void {
    const node = slot + this.listCount;
    const links = this.links;
    const after = links[2 * node];
    const before = links[2 * node + 1];
    links[2 * before] = after;
    links[2 * after + 1] = before;
  }

  /** Unlinks the slot from whatever list holds it and puts it at the front of `list`. */
  moveToFront(list: number, slot: number): void {
    const node = slot + this.listCount;
    const links = this.links;
    const first = links[2 * list];
    if (first === node) return;
    const after = links[2 * node];
    const before = links[2 * node + 1];
    links[2 * before] = after;
    links[2 * after + 1] = before;
    links[2 * node] = first;
    links[2 * node + 1] = list;
    links[2 * first + 1] = node;
    links[2 * list] = node;
  }

  /** The slot at the back of `list`, or -1 when the list is empty. */
  last(list: number): number {
    const node = this.links[2 * list + 1];
    return node === list ? -1 : node - this.listCount;
  }

  isEmpty(list: number): boolean {
    return this.links[2 * list] === list;
  }

  /** Moves every slot of `from` (in order) to the front of `to` in O(1); `from` ends empty. */
  spliceToFront(from: number, to: number): void {
    const links = this.links;
    const first = links[2 * from];
    if (first === from) return;
    const last = links[2 * from + 1];
    const oldFirst = links[2 * to];
    links[2 * to] = first;
    links[2 * first + 1] = to;
    links[2 * last] = oldFirst;
    links[2 * oldFirst + 1] = last;
    links[2 * from] = from;
    links[2 * from + 1] = from;
  }
}

/**
 * Two bytes a link while node numbers fit (up to 65,536 nodes, far more entries than an L1 of
 * 60 KB series holds): half the memory, so more of the links stay in the CPU's nearest cache.
 */
function linkArray(length: number): Int32Array | Uint16Array {
  return length / 2 <= 65_536 ? new Uint16Array(length) : new Int32Array(length);
}
