import { arraySignalOrders, targetOrder } from './arraySignalOrders.js';
import type { BarsAhead } from './BarsCheck.js';
import { chargeFunding, closeAtEnd, mark } from './closePhase.js';
import { OrderStatus as OrderStatusCodes } from './orderCodes.js';
import type { OrderSchedule } from './OrderSchedule.js';
import { processBar } from './processBar.js';
import { cancelOrder } from './protectiveOrders.js';
import { rebuildCurves, type SimulationCurves } from './rebuildCurves.js';
import type { RouterDriver } from './routerOrders.js';
import { runSingleSymbol } from './runSingleSymbol.js';
import { SignalCursor } from './SignalCursor.js';
import { buildClockRows, type ClockRows } from './SimulationClock.js';
import type { SimulationState } from './SimulationState.js';

export type { SimulationCurves } from './rebuildCurves.js';

// A module-local copy: where imports become getter properties (vitest, CommonJS builds), every use is a call.
const OrderStatus = OrderStatusCodes;

/** What the run reads besides the state: the clock, the scheduled orders and the router. */
export interface RunContext {
  clock: Float64Array;
  schedule: OrderSchedule;
  router: RouterDriver | undefined;
  symbolIndex: ReadonlyMap<string, number>;
  /** Use the multi-symbol loop even for one symbol (tests compare the two loops). */
  generic?: boolean;
  /** What readies the one symbol's bars as the run goes (`BarsCheck`; nothing for validated bars); the single-symbol loop then runs. */
  barsAhead?: BarsAhead;
}

/**
 * The run: one pass over the shared clock (the union of every symbol's bar times). At each
 * step, for every symbol with a bar then: its opening auction and range (`processBar`, only
 * when it has working orders or a position that can be liquidated); then at the close,
 * funding, the mark, the orders the bar's signals make (filled at once when they fill at the
 * close), the end-of-data close, and the mark. A symbol without a bar at a step is
 * not traded then and stays marked at its last close.
 *
 * Hand-written kernel, not a generic event loop: the common case (a bar with nothing working)
 * must cost a few loads and compares, so the state is typed arrays read in place, sources are
 * checked through presence flags, and nothing on this path allocates (objects appear only for
 * router signals, which the router itself needs). The cost of a run is then mostly the orders
 * it makes and the ledger rows they write, not the bars it walks. The per-step curves are not
 * written here: the returned function rebuilds them from the cash checkpoints and the fills
 * (`rebuildCurves`), and `buildResult` calls it on first read.
 */
export function runSimulation(state: SimulationState, context: RunContext): () => SimulationCurves {
  const clock = context.clock;
  const steps = clock.length;
  if (context.barsAhead !== undefined || (state.symbolCount === 1 && state.positions.bookCount === 1 && context.generic !== true)) runSingleSymbol(state, context);
  else runClock(state, context);
  const time = steps > 0 ? clock[steps - 1] : 0;
  const orders = state.orders;
  for (let s = 0; s < state.symbolCount; s++) {
    for (let o = orders.head[s]; o >= 0; o = orders.next.data[o]) if (orders.isWorking(o)) cancelOrder(state, o, OrderStatus.cancelled, 'the data ended', time);
    orders.compact(s);
  }
  return () => rebuildCurves(state, clock);
}

const noRows: ClockRows = { stepStart: new Int32Array(0), entrySymbol: new Int32Array(0), entryIndex: new Int32Array(0), entrySignals: new Uint8Array(0) };

/** Entry/exit-array bits of bar `i` (1 long entry, 2 long exit, 4 short entry, 8 short exit). */
function signalBits(columns: (Uint8Array | undefined)[], i: number): number {
  let bits = 0;
  for (let k = 0; k < 4; k++) {
    const column = columns[k];
    if (column !== undefined && column[i] !== 0) bits |= 1 << k;
  }
  return bits;
}

/**
 * The first step at or after `t` where something may happen on an aligned clock whose only
 * order source is entry/exit arrays: a step with a signal, the last step, or `t` itself while
 * an order works or a position is exposed to funding or liquidation.
 */
function nextActiveStep(state: SimulationState, cursors: SignalCursor[], t: number, holdingActs: boolean): number {
  const working = state.orders.working;
  for (let s = 0; s < working.length; s++) if (working[s] > 0) return t;
  if (holdingActs) {
    const quantity = state.positions.quantity;
    for (let slot = 0; slot < quantity.length; slot++) if (quantity[slot] !== 0) return t;
  }
  let next = state.barCount[0] - 1;
  for (let s = 0; s < cursors.length && next > t; s++) next = Math.min(next, cursors[s].nextFrom(t));
  return next;
}

/**
 * The multi-symbol loop over the shared clock, reading the per-step rows (or, when all symbols
 * share every step, none). On an aligned clock with entry/exit arrays as the only source it
 * jumps over quiet steps as the single-symbol loop does (see `runSingleSymbol`): they would
 * only mark the positions, and the next step that runs marks them again before any read.
 */
function runClock(state: SimulationState, context: RunContext): void {
  const { clock, schedule, router, symbolIndex } = context;
  const steps = clock.length;
  const options = state.options;
  const orders = state.orders;
  const positions = state.positions;
  const symbolCount = state.symbolCount;
  // When every symbol has a bar at every step, entry e of step t is symbol e - t x count at bar t:
  // no rows to build (they would cost memory in proportion to all the bars).
  const aligned = state.barCount.every((count) => count === steps);
  const { stepStart, entrySymbol, entryIndex, entrySignals } = aligned ? noRows : buildClockRows(state.inputs, clock);
  const signalColumns = state.inputs.map((input) => [input.longEntries, input.longExits, input.shortEntries, input.shortExits]);
  const closes = state.close;
  const barIndex = state.barIndex;
  const barCount = state.barCount;
  const last = state.last;
  const volumeUsed = state.volumeUsed;
  const working = orders.working;
  const quantity = positions.quantity;
  const liquidation = !Number.isNaN(options.maintenanceMargin);
  const bookCount = positions.bookCount;
  const atClose = (options.fillAtByStrategy.get(options.strategy) ?? options.fillAt) === 'close';
  const targets = state.inputs.map((input) => input.targetFractions);
  const lastTarget = new Float64Array(symbolCount).fill(NaN);
  // One byte per symbol says which sources it has, so a symbol without any costs one load.
  const sources = Uint8Array.from(state.inputs, (input, s) => (input.longEntries ?? input.longExits ?? input.shortEntries ?? input.shortExits ? 1 : 0) | (input.targetFractions !== undefined ? 2 : 0) | (schedule.has(s) ? 4 : 0));
  const funding = options.fundingRate !== 0 || options.borrowRate !== 0 || state.fundingRate.some((column) => column !== undefined) || state.borrowRate.some((column) => column !== undefined);
  const skipping = aligned && router === undefined && sources.every((kinds) => (kinds & ~1) === 0);
  const cursors = skipping ? signalColumns.map((columns) => new SignalCursor(columns, steps)) : [];
  for (let t = 0; t < steps; t++) {
    // A skipped step's mark would be overwritten by the next step's before anything read it (see runSingleSymbol).
    if (skipping) t = nextActiveStep(state, cursors, t, funding || liquidation);
    state.step = t;
    const first = aligned ? t * symbolCount : stepStart[t];
    const end = aligned ? first + symbolCount : stepStart[t + 1];
    let ending = false;
    for (let e = first; e < end; e++) {
      const s = aligned ? e - first : entrySymbol[e];
      const i = aligned ? t : entryIndex[e];
      barIndex[s] = i;
      volumeUsed[s] = 0;
      let work = working[s] > 0;
      if (!work && liquidation) for (let slot = s * bookCount; slot < (s + 1) * bookCount; slot++) work ||= quantity[slot] !== 0;
      if (work) processBar(state, s, i);
      last[s] = closes[s][i];
      if (funding) chargeFunding(state, s, i);
      if (i === barCount[s] - 1) ending = true;
    }
    mark(state);
    const fillsBefore = state.fills.count;
    for (let e = first; e < end; e++) {
      const s = aligned ? e - first : entrySymbol[e];
      const kinds = sources[s];
      if (kinds === 0) continue;
      const i = aligned ? t : entryIndex[e];
      if ((kinds & 1) !== 0) {
        // While skipping, the cursor already knows whether the bar has a signal (most processed bars do not).
        const code = !aligned ? entrySignals[e] : skipping && cursors[s].nextFrom(i) !== i ? 0 : signalBits(signalColumns[s], i);
        if (code !== 0) {
          // Loads the orders will need, issued together (see runSingleSymbol).
          if (i + 1 < barCount[s]) state.warmed[0] = state.time[s][i] + state.open[s][i + 1] + state.high[s][i + 1] + state.low[s][i + 1] + state.time[s][i + 1];
          arraySignalOrders(state, s, i, code, atClose);
        }
      }
      if ((kinds & 2) !== 0) {
        const fraction = targets[s]![i];
        if (!Number.isNaN(fraction) && (options.rebalanceEveryBar || fraction !== lastTarget[s])) {
          lastTarget[s] = fraction;
          targetOrder(state, s, i, fraction, atClose);
        }
      }
      if ((kinds & 4) !== 0) schedule.placeDue(state, s, i);
    }
    if (router !== undefined) router.atStep(state, t, symbolIndex);
    if (ending && options.closeAtEnd) {
      for (let e = first; e < end; e++) {
        const s = aligned ? e - first : entrySymbol[e];
        const i = aligned ? t : entryIndex[e];
        if (i === barCount[s] - 1) closeAtEnd(state, s, i);
      }
    }
    if (state.fills.count !== fillsBefore) mark(state);
  }
}
