/**
 * The order in which `MemoryTier` gives up entries. The tier owns keys, records and byte
 * accounting and hands the policy small integer slots; the policy keeps its bookkeeping in
 * typed arrays indexed by slot. `add`, `access` and `remove` are O(1); `victim` is O(1) for LRU
 * and amortised O(1) for LFU and S3-FIFO (their extra steps are paid for by earlier hits).
 *
 * Call order: `add` for a new entry, `access` on a hit, `remove` when an entry leaves (for any
 * reason, evictions included). The tier makes room before it stores: while the new record
 * would not fit it asks for `victim()` and removes that slot, then calls `add`; so a record just
 * stored is never its own victim. Replacing a key's record is `remove`, make room, then `add`
 * with `replacing` set: the policy restores what it had learned about the slot (its count, its
 * queue), which `remove` leaves in place for that purpose.
 */
export interface EvictionPolicy {
  /** Room for slots [0, slotCapacity). */
  grow(slotCapacity: number): void;
  add(slot: number, key: string, bytes: number, replacing: boolean): void;
  access(slot: number): void;
  remove(slot: number): void;
  /** The slot to evict next, or -1 when the policy holds none. */
  victim(): number;
}

export const evictionPolicyNames = ['lru', 'lfu', 'hybrid'] as const;
export type EvictionPolicyName = (typeof evictionPolicyNames)[number];
