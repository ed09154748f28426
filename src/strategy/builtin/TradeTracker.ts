import type { EmitSignal, SignalFields } from '../Signal.js';
import { PositionTracker } from './PositionTracker.js';

type EntryExtras = Omit<SignalFields, 'kind' | 'side' | 'reason'>;

/**
 * A `PositionTracker` that remembers its entry: the bar, for rules that exit after a number
 * of bars, and the tag, which every exit of that position carries (also when an opposite
 * event closes it), so that the entry and the exit of one round trip share a tag in
 * attribution.
 */
export class TradeTracker extends PositionTracker {
  /** Bar of the open position's entry; -1 when flat. */
  entryIndex = -1;
  entryTag: string | undefined;

  override enter(emit: EmitSignal, index: number, side: 'long' | 'short', reason: string, extras: EntryExtras = {}): void {
    super.enter(emit, index, side, reason, extras);
    this.entryIndex = index;
    this.entryTag = extras.tag;
  }

  override exitLong(emit: EmitSignal, index: number, reason: string): void {
    if (this.position !== 1) return;
    super.exitLong(emit, index, reason, this.entryTag);
    this.entryIndex = -1;
  }

  override exitShort(emit: EmitSignal, index: number, reason: string): void {
    if (this.position !== -1) return;
    super.exitShort(emit, index, reason, this.entryTag);
    this.entryIndex = -1;
  }

  /** Closes the open position, long or short; nothing when flat. */
  exit(emit: EmitSignal, index: number, reason: string): void {
    if (this.position === 1) this.exitLong(emit, index, reason);
    else if (this.position === -1) this.exitShort(emit, index, reason);
  }
}
