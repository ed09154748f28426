import { TickforgeError } from '../../core/errors.js';
import type { OrderRequest, OrderRequestType, TimeInForce } from './BacktestOptions.js';
import { roundLevel } from './executionPrice.js';
import { NO_LAST_BAR, OrderFlag as OrderFlagCodes, OrderRole as OrderRoleCodes, OrderType as OrderTypeCodes, QuantityMode as QuantityModeCodes, TimeInForceCode as TimeInForceCodeCodes } from './orderCodes.js';
import type { OrderSchedule } from './OrderSchedule.js';
import { closeTimeOf, submitOrder } from './placeOrder.js';
import type { SimulationState } from './SimulationState.js';

// Module-local copies of the codes: where imports become getter properties (vitest, CommonJS builds),
// every use of an imported binding is a call V8 does not fold; the kernel reads these per fill.
const OrderFlag = OrderFlagCodes;
const OrderRole = OrderRoleCodes;
const OrderType = OrderTypeCodes;
const QuantityMode = QuantityModeCodes;
const TimeInForceCode = TimeInForceCodeCodes;

const typeCodes: Record<OrderRequestType, number> = { market: OrderType.market, limit: OrderType.limit, stop: OrderType.stop, 'stop-limit': OrderType.stopLimit, 'trailing-stop': OrderType.trailingStop };
const timeInForceCodes: Record<TimeInForce, number> = { GTC: TimeInForceCode.gtc, DAY: TimeInForceCode.day, IOC: TimeInForceCode.ioc, GTD: TimeInForceCode.gtd };
const requestKeys = [
  'symbol', 'index', 'side', 'type', 'quantity', 'size', 'limitPrice', 'stopPrice', 'trailingDistance', 'trailingFraction', 'timeInForce', 'goodForBars',
  'reduceOnly', 'stopLoss', 'takeProfit', 'trailingStop', 'ocoGroup', 'strategy', 'tag', 'fillAt',
];

function bad(k: number, field: string, problem: string, value: unknown): never {
  throw new TickforgeError('TF_ERR_BACKTEST_INPUT', `Order request orders[${k}].${field} ${problem}, got ${JSON.stringify(value) ?? String(value)}.`, { details: { request: k, field } });
}

function price(k: number, field: string, value: number | undefined, required: boolean): number {
  if (value === undefined) {
    if (required) bad(k, field, 'is required for this order type', value);
    return NaN;
  }
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) bad(k, field, 'must be a finite price above 0', value);
  return value;
}

/** Checks request `k` against the symbols; returns its symbol's position. @throws TF_ERR_BACKTEST_INPUT naming the field */
function check(request: OrderRequest, k: number, symbolIndex: ReadonlyMap<string, number>, barCounts: Int32Array): number {
  if (typeof request !== 'object' || request === null) bad(k, '', 'must be an order request object', request);
  for (const key of Object.keys(request)) if (!requestKeys.includes(key)) bad(k, key, `is unknown; the fields are ${requestKeys.join(', ')}`, (request as unknown as Record<string, unknown>)[key]);
  const s = symbolIndex.get(request.symbol);
  if (s === undefined) bad(k, 'symbol', 'names no symbol of the run', request.symbol);
  if (!Number.isInteger(request.index) || request.index < 0 || request.index >= barCounts[s]) bad(k, 'index', `must be a bar index of ${request.symbol} (0 to ${barCounts[s] - 1})`, request.index);
  if (request.side !== 'buy' && request.side !== 'sell') bad(k, 'side', 'must be buy or sell', request.side);
  const type = request.type ?? 'market';
  if (!(type in typeCodes)) bad(k, 'type', `must be one of ${Object.keys(typeCodes).join(', ')}`, type);
  if (request.timeInForce !== undefined && !(request.timeInForce in timeInForceCodes)) bad(k, 'timeInForce', 'must be GTC, DAY, IOC or GTD', request.timeInForce);
  if (request.timeInForce === 'GTD' && !(Number.isInteger(request.goodForBars) && request.goodForBars! >= 1)) bad(k, 'goodForBars', 'must be a whole number of bars, 1 or more, with GTD', request.goodForBars);
  if (request.quantity !== undefined && !(typeof request.quantity === 'number' && request.quantity > 0 && Number.isFinite(request.quantity))) bad(k, 'quantity', 'must be a finite number of units above 0', request.quantity);
  if (request.size !== undefined && !(typeof request.size === 'number' && request.size > 0 && Number.isFinite(request.size))) bad(k, 'size', 'must be a finite fraction above 0', request.size);
  if (request.fillAt !== undefined && request.fillAt !== 'close' && request.fillAt !== 'next-open') bad(k, 'fillAt', 'must be next-open or close', request.fillAt);
  if (type === 'trailing-stop') {
    const distance = request.trailingDistance;
    const fraction = request.trailingFraction;
    if ((distance === undefined) === (fraction === undefined)) bad(k, 'trailingDistance', 'or trailingFraction (exactly one) is required for a trailing-stop order', distance);
    if (distance !== undefined) price(k, 'trailingDistance', distance, true);
    if (fraction !== undefined && !(fraction > 0 && fraction < 1)) bad(k, 'trailingFraction', 'must be a fraction in (0, 1)', fraction);
  }
  price(k, 'limitPrice', request.limitPrice, type === 'limit' || type === 'stop-limit');
  price(k, 'stopPrice', request.stopPrice, type === 'stop' || type === 'stop-limit');
  price(k, 'stopLoss', request.stopLoss, false);
  price(k, 'takeProfit', request.takeProfit, false);
  price(k, 'trailingStop', request.trailingStop, false);
  return s;
}

function place(state: SimulationState, request: OrderRequest, s: number, i: number): void {
  const orders = state.orders;
  const options = state.options;
  const type = typeCodes[request.type ?? 'market'];
  const side = request.side === 'buy' ? 1 : -1;
  const reduceOnly = request.reduceOnly === true;
  const mode = request.quantity !== undefined ? QuantityMode.units : reduceOnly ? QuantityMode.positionFraction : QuantityMode.sized;
  const amount = request.quantity ?? request.size ?? 1;
  const o = orders.create(s, s * state.positions.bookCount, side, type, reduceOnly ? OrderRole.exit : OrderRole.order, mode, amount, state.step, closeTimeOf(state, s, i), i);
  const strategy = request.strategy ?? 'orders';
  orders.strategy.data[o] = state.strategies.intern(strategy);
  if (request.tag !== undefined) orders.tag.data[o] = state.tags.intern(request.tag);
  if (reduceOnly) orders.flags.data[o] |= OrderFlag.reduceOnly;
  const tick = state.tickSize[s];
  if (request.limitPrice !== undefined) orders.limit.data[o] = roundLevel(request.limitPrice, side, true, tick);
  if (request.stopPrice !== undefined) orders.stop.data[o] = roundLevel(request.stopPrice, side, false, tick);
  if (request.trailingDistance !== undefined) orders.trailDistance.data[o] = request.trailingDistance;
  if (request.trailingFraction !== undefined) orders.trailFraction.data[o] = request.trailingFraction;
  const fillAt = request.fillAt ?? options.fillAtByStrategy.get(strategy) ?? options.fillAt;
  const tif = timeInForceCodes[request.timeInForce ?? (type === OrderType.market ? 'IOC' : 'GTC')];
  orders.timeInForce.data[o] = tif;
  if (type === OrderType.market && fillAt === 'close') {
    orders.flags.data[o] |= OrderFlag.fillAtClose;
    orders.firstBar.data[o] = i;
  }
  const first = orders.firstBar.data[o];
  // DAY lives through the next bar's close; IOC only at its first moment; GTD for goodForBars bars.
  orders.lastBar.data[o] = tif === TimeInForceCode.gtc && type !== OrderType.market ? NO_LAST_BAR : tif === TimeInForceCode.gtd ? first + request.goodForBars! - 1 : first;
  if (request.stopLoss !== undefined || request.takeProfit !== undefined || request.trailingStop !== undefined) {
    orders.bracketStop.data[o] = request.stopLoss ?? NaN;
    orders.bracketTake.data[o] = request.takeProfit ?? NaN;
    orders.bracketTrail.data[o] = request.trailingStop ?? NaN;
    orders.flags.data[o] |= OrderFlag.bracket;
  }
  if (request.ocoGroup !== undefined) orders.oco.data[o] = state.ocoGroups.intern(`${request.symbol}\u0000${request.ocoGroup}`);
  submitOrder(state, o, s, i);
}

/** Checks the order requests and schedules each at the close of its bar. @throws TF_ERR_BACKTEST_INPUT naming the request and field */
export function scheduleRequests(requests: readonly OrderRequest[], schedule: OrderSchedule, symbolIndex: ReadonlyMap<string, number>, barCounts: Int32Array): void {
  if (!Array.isArray(requests)) throw new TickforgeError('TF_ERR_BACKTEST_INPUT', 'Backtest input orders must be an array of order requests.');
  requests.forEach((request, k) => {
    const s = check(request, k, symbolIndex, barCounts);
    schedule.add(s, request.index, (state, i) => place(state, request, s, i));
  });
}
