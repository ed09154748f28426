import { applyFill } from './applyFill.js';
import type { BacktestResult } from './BacktestResult.js';
import { buildResult, lazy } from './buildResult.js';
import { Liquidity as LiquidityCodes, OrderRole as OrderRoleCodes, OrderStatus as OrderStatusCodes, OrderType as OrderTypeCodes, QuantityMode as QuantityModeCodes, reasonOfRole } from './orderCodes.js';
import { createMarketOrder } from './placeOrder.js';
import { cancelOrder } from './protectiveOrders.js';
import { rebuildCurves } from './rebuildCurves.js';
import type { ResolvedSimulationOptions } from './resolveSimulationOptions.js';
import { LogOperation, LogOrderKind, logReasons, type LongSignalRun } from './runLongSignals.js';
import { SimulationState, type PreparedSymbol } from './SimulationState.js';

const Liquidity = LiquidityCodes;
const OrderRole = OrderRoleCodes;
const OrderStatus = OrderStatusCodes;
const OrderType = OrderTypeCodes;
const QuantityMode = QuantityModeCodes;
const SLACK = 1e-9;

/**
 * Replays the log of a `LongSignalRun` into the general path's tables: each order made with
 * the calls `arraySignalOrders` / `closeAtEnd` make, each fill booked by `applyFill` itself
 * (which recomputes its fee, slippage, cash, round trip and ledger rows from the same units and
 * prices), each end with `cancelOrder`. The state then holds the ledgers the general path
 * would have written.
 */
function replay(run: LongSignalRun, symbol: PreparedSymbol, options: ResolvedSimulationOptions): SimulationState {
  const state = new SimulationState(options, [symbol], []);
  const orders = state.orders;
  const { time, open, close } = symbol.bars;
  const log = run.log;
  for (let row = 0; row < log.count; row++) {
    const o = log.order.data[row];
    const i = log.bar.data[row];
    const at = log.time.data[row];
    const detail = log.detail.data[row];
    state.step = i;
    switch (log.operation.data[row]) {
      case LogOperation.create: {
        if (detail === LogOrderKind.end) {
          orders.create(0, 0, -1, OrderType.market, OrderRole.end, QuantityMode.wholePosition, NaN, i, at, i);
          orders.firstBar.data[o] = i;
          orders.strategy.data[o] = state.positions.strategy[0];
          orders.submit(o, i, at, false);
          break;
        }
        const entry = detail === LogOrderKind.entryAtOpen || detail === LogOrderKind.entryAtClose;
        const atClose = detail === LogOrderKind.entryAtClose || detail === LogOrderKind.exitAtClose;
        createMarketOrder(state, 0, 0, entry ? 1 : -1, entry ? OrderRole.entry : OrderRole.exit, entry ? QuantityMode.sized : QuantityMode.positionFraction, 1, i, atClose, 0, -1);
        // submitOrder: an order at the close works only while it fills; one at the next open joins the working list.
        if (atClose) {
          orders.submit(o, i, at, false);
          orders.status.data[o] = OrderStatus.working;
        } else orders.submit(o, i, at);
        break;
      }
      case LogOperation.fill: {
        // As processBar does before a bar's fills (it keeps cancelProtective's walk short).
        orders.compact(0);
        const reference = detail === 1 ? close[i] : open[i];
        const quantity = log.quantity.data[row];
        orders.quantity.data[o] = log.settled.data[row];
        state.fillingOrder = o;
        applyFill(state, o, 0, orders.side.data[o], quantity, log.price.data[row], reference, Liquidity.taker, reasonOfRole(orders.role.data[o]), at, i);
        state.fillingOrder = -1;
        const whole = orders.quantityMode.data[o] === QuantityMode.wholePosition;
        const complete = whole ? state.positions.quantity[0] === 0 : orders.filled.data[o] >= orders.quantity.data[o] * (1 - SLACK);
        orders.event(o, i, at, complete ? OrderStatus.filled : OrderStatus.partiallyFilled, -1);
        break;
      }
      default: {
        // An order refused after sizing keeps the quantity sizing gave it (fillOrder settles it first).
        const settled = log.settled.data[row];
        if (!Number.isNaN(settled)) orders.quantity.data[o] = settled;
        cancelOrder(state, o, detail >> 8, logReasons[detail & 0xff], at);
      }
    }
  }
  state.step = time.length - 1;
  state.last[0] = close[time.length - 1];
  return state;
}

/**
 * The result of a `LongSignalRun`, shaped as `buildResult` shapes the general path's (same
 * properties, same order): the account's figures at once, the ledgers and curves replayed from
 * the run's log on first read of any of them.
 */
export function longSignalsResult(run: LongSignalRun, symbol: PreparedSymbol, options: ResolvedSimulationOptions): BacktestResult {
  const { bars } = symbol;
  let replayed: BacktestResult | undefined;
  const full = () => {
    if (replayed === undefined) {
      const state = replay(run, symbol, options);
      replayed = buildResult(state, bars.time, () => rebuildCurves(state, bars.time), undefined);
    }
    return replayed;
  };
  const result = {} as BacktestResult;
  lazy(result, 'curve', () => full().curve);
  lazy(result, 'cashCurve', () => full().cashCurve);
  lazy(result, 'trades', () => full().trades);
  const lastPrice = bars.close[bars.length - 1];
  const quantity = run.quantity;
  result.positions =
    quantity === 0
      ? []
      : [{ symbol: bars.symbol, strategy: options.strategy, side: quantity > 0 ? 'long' : 'short', quantity, averagePrice: run.averagePrice, lastPrice, value: quantity * lastPrice, unrealizedPnl: quantity * (lastPrice - run.averagePrice), entryTime: run.entryTime }];
  result.initialCash = options.initialCash;
  result.cash = run.cash;
  result.equity = run.markEquity;
  result.totalFees = run.totalFees;
  result.totalSlippage = run.totalSlippage;
  result.totalFunding = 0;
  result.symbols = [bars.symbol];
  lazy(result, 'fills', () => full().fills);
  lazy(result, 'orders', () => full().orders);
  lazy(result, 'orderEvents', () => full().orderEvents);
  return result;
}
