import type { Signal } from '../../strategy/Signal.js';

/**
 * A strategy's signals as an account opened at the close of bar `offset` trades them: the
 * position the strategy holds at that close is taken then (one entry, filled at the next
 * open like any signal of that bar), and the signals of later bars follow; indexes count from
 * `offset`. A strategy adopted at a walk-forward boundary thus trades as it would live, instead
 * of waiting flat for its next entry (a trend follower can hold for months).
 *
 * The position held is read from the signals alone, as one strategy's router sees them: an
 * entry opens its side (an opposite one replaces the position, a same-side one adds nothing),
 * an exit of the side held closes it, or its `size` fraction of it. The carried entry keeps
 * the opening signal's fields (its stop, targets and tag; a stop already crossed closes the
 * position at the first open, as the stop would have); its size is what is left of the
 * position. Exits made by the simulator (stops hit before the window) are not in the signals.
 */
export function windowSignals(signals: readonly Signal[], offset: number, offsetTime: number): Signal[] {
  let held: Signal | undefined;
  let size = 0;
  let k = 0;
  for (; k < signals.length && signals[k].index <= offset; k++) {
    const signal = signals[k];
    if (signal.kind === 'entry') {
      if (held === undefined || held.side !== signal.side) {
        held = signal;
        size = signal.size ?? 1;
      }
    } else if (held !== undefined && held.side === signal.side) {
      size *= 1 - (signal.size ?? 1);
      if (!(size > 1e-12)) held = undefined;
    }
  }
  const inside: Signal[] = [];
  if (held !== undefined) {
    const carried: Signal = { ...held, index: 0, time: offsetTime, reason: `held at the window's start: ${held.reason}` };
    if (size !== (held.size ?? 1)) carried.size = size;
    inside.push(carried);
  }
  for (; k < signals.length; k++) inside.push({ ...signals[k], index: signals[k].index - offset });
  return inside;
}
