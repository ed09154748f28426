import { arraySignalOrders, targetOrder } from './arraySignalOrders.js';
import { chargeFunding, closeAtEnd, mark } from './closePhase.js';
import { processBar } from './processBar.js';
import type { RunContext } from './runSimulation.js';
import { SignalCursor } from './SignalCursor.js';
import type { SimulationState } from './SimulationState.js';

/**
 * The run over one symbol with one position slot: the clock is the symbol's own bars, so the
 * multi-symbol loop's per-symbol matching and indirection fall away. It does exactly what that
 * loop does, in the same order (tests run both on the same inputs and compare the ledgers),
 * with the bar's columns in locals and the one-slot mark inlined: this is the loop that sets the
 * speed of a long single-series backtest.
 *
 * Quiet bars are skipped. With entry/exit arrays as the only source of orders, a bar with no
 * working order, no signal, and no position that funding or liquidation could touch only marks
 * the position at its close, and no such mark is ever read: the next bar that does run marks
 * again before anything reads the mark (with no order working and no liquidation check, nothing
 * runs at its open). The curves are rebuilt after the run from the cash and the fills
 * (`rebuildCurves`). So the loop jumps from signal to signal: a sparse-signal run costs its
 * signals and orders, not its bars.
 */
export function runSingleSymbol(state: SimulationState, context: RunContext): void {
  const { schedule, router, symbolIndex } = context;
  const options = state.options;
  const input = state.inputs[0];
  const n = state.barCount[0];
  const close = state.close[0];
  const { time, open, high, low } = state.inputs[0].bars;
  const barIndex = state.barIndex;
  const volumeUsed = state.volumeUsed;
  const last = state.last;
  const working = state.orders.working;
  const quantity = state.positions.quantity;
  const inverseLeverage = 1 / options.leverage;
  const liquidation = !Number.isNaN(options.maintenanceMargin);
  const funding = options.fundingRate !== 0 || options.borrowRate !== 0 || input.fundingRate !== undefined || input.borrowRate !== undefined;
  // While a position is open, funding or a liquidation check can act at any bar.
  const holdingActs = funding || liquidation;
  const atClose = (options.fillAtByStrategy.get(options.strategy) ?? options.fillAt) === 'close';
  const { longEntries, longExits, shortEntries, shortExits, targetFractions } = input;
  const arrays = longEntries !== undefined || longExits !== undefined || shortEntries !== undefined || shortExits !== undefined;
  const scheduled = schedule.has(0);
  // Targets, scheduled orders and router signals are looked up bar by bar: with any of them no bar is skipped.
  const signals = targetFractions === undefined && !scheduled && router === undefined ? new SignalCursor([longEntries, longExits, shortEntries, shortExits], n) : undefined;
  let lastTarget = NaN;
  const barsAhead = context.barsAhead;
  for (let i = 0; i < n; i++) {
    // The last bar always runs (the end-of-data close).
    if (signals !== undefined && working[0] === 0 && (quantity[0] === 0 || !holdingActs)) i = Math.min(signals.nextFrom(i), n - 1);
    // Bars checked as the run goes are checked before the run reads them (the last bar checks the rest); validated bars need nothing.
    if (barsAhead !== undefined && i >= barsAhead.ready) barsAhead.through(i);
    state.step = i;
    barIndex[0] = i;
    volumeUsed[0] = 0;
    if (working[0] > 0 || (liquidation && quantity[0] !== 0)) processBar(state, 0, i);
    const price = close[i];
    last[0] = price;
    if (funding) chargeFunding(state, 0, i);
    const value = quantity[0] * price;
    const gross = value < 0 ? -value : value;
    const equity = state.cash + value;
    state.markValue = value;
    state.markGross = gross;
    state.markEquity = equity;
    state.available = equity - gross * inverseLeverage;
    const fillsBefore = state.fills.count;
    if (arrays) {
      const code =
        (longEntries !== undefined && longEntries[i] !== 0 ? 1 : 0) |
        (longExits !== undefined && longExits[i] !== 0 ? 2 : 0) |
        (shortEntries !== undefined && shortEntries[i] !== 0 ? 4 : 0) |
        (shortExits !== undefined && shortExits[i] !== 0 ? 8 : 0);
      if (code !== 0) {
        // The orders read this bar's time now and the next bar's open, high, low and time when
        // they fill. The loop reads only closes, so each of those loads misses the cache; issued
        // together here they wait for memory once, instead of one after another in the kernel.
        if (i + 1 < n) state.warmed[0] = time[i] + open[i + 1] + high[i + 1] + low[i + 1] + time[i + 1];
        arraySignalOrders(state, 0, i, code, atClose);
      }
    }
    if (targetFractions !== undefined) {
      const fraction = targetFractions[i];
      if (!Number.isNaN(fraction) && (options.rebalanceEveryBar || fraction !== lastTarget)) {
        lastTarget = fraction;
        targetOrder(state, 0, i, fraction, atClose);
      }
    }
    if (scheduled) schedule.placeDue(state, 0, i);
    if (router !== undefined) router.atStep(state, i, symbolIndex);
    if (i === n - 1 && options.closeAtEnd) closeAtEnd(state, 0, i);
    if (state.fills.count !== fillsBefore) mark(state);
  }
}
