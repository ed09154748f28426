import type { ParameterDefinition, ParameterValues } from '../../indicators/registry/IndicatorDefinition.js';
import type { EmitSignal, SignalFields } from '../Signal.js';

export type TradeDirection = 'long' | 'short' | 'both';

/** The `direction` parameter most built-ins share. */
export const directionParameter: ParameterDefinition = {
  name: 'direction', kind: 'choice', default: 'long', choices: ['long', 'short', 'both'], description: 'which side the strategy trades: long only, short only, or both (reversing)',
};

type Extras = Omit<SignalFields, 'kind' | 'side' | 'reason'>;

/**
 * The position a strategy believes it holds (flat, long or short), so that it emits an entry
 * only when flat and an exit only when holding: a signal list without redundant repeats.
 * Both forms of a strategy use it the same way, which keeps them in step. A bullish event
 * closes a short and, when longs are allowed, opens a long; a bearish one mirrors it.
 */
export class PositionTracker {
  position: -1 | 0 | 1 = 0;
  readonly allowLong: boolean;
  readonly allowShort: boolean;

  constructor(direction: TradeDirection | ParameterValues[string]) {
    this.allowLong = direction !== 'short';
    this.allowShort = direction !== 'long';
  }

  /** Closes a short, then opens a long if allowed; the exit carries the entry's tag. */
  bullish(emit: EmitSignal, index: number, reason: string, entry: Extras = {}, exitReason = reason): void {
    if (this.position === -1) this.exitShort(emit, index, exitReason, entry.tag);
    if (this.position === 0 && this.allowLong) this.enter(emit, index, 'long', reason, entry);
  }

  /** Closes a long, then opens a short if allowed; the exit carries the entry's tag. */
  bearish(emit: EmitSignal, index: number, reason: string, entry: Extras = {}, exitReason = reason): void {
    if (this.position === 1) this.exitLong(emit, index, exitReason, entry.tag);
    if (this.position === 0 && this.allowShort) this.enter(emit, index, 'short', reason, entry);
  }

  enter(emit: EmitSignal, index: number, side: 'long' | 'short', reason: string, extras: Extras = {}): void {
    emit(index, { kind: 'entry', side, reason, ...extras });
    this.position = side === 'long' ? 1 : -1;
  }

  exitLong(emit: EmitSignal, index: number, reason: string, tag?: string): void {
    if (this.position !== 1) return;
    emit(index, tag === undefined ? { kind: 'exit', side: 'long', reason } : { kind: 'exit', side: 'long', reason, tag });
    this.position = 0;
  }

  exitShort(emit: EmitSignal, index: number, reason: string, tag?: string): void {
    if (this.position !== -1) return;
    emit(index, tag === undefined ? { kind: 'exit', side: 'short', reason } : { kind: 'exit', side: 'short', reason, tag });
    this.position = 0;
  }
}
