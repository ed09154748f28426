import { TickforgeError } from '../core/errors.js';
import { bollingerBreakout } from './builtin/bollingerBreakout.js';
import { bollingerReversion } from './builtin/bollingerReversion.js';
import { buyAndHold } from './builtin/buyAndHold.js';
import { candlestickReversal } from './builtin/candlestickReversal.js';
import { donchianBreakout } from './builtin/donchianBreakout.js';
import { macdTrend } from './builtin/macdTrend.js';
import { movingAverageCross } from './builtin/movingAverageCross.js';
import { rsiReversion } from './builtin/rsiReversion.js';
import { supertrendFlip } from './builtin/supertrendFlip.js';
import { smc } from './smc/smcStrategy.js';
import type { Strategy } from './Strategy.js';

/** Every built-in strategy, by the name users type. */
export const builtInStrategies: readonly Strategy[] = [
  buyAndHold,
  movingAverageCross,
  rsiReversion,
  bollingerBreakout,
  bollingerReversion,
  macdTrend,
  donchianBreakout,
  supertrendFlip,
  candlestickReversal,
  smc,
];

/** @throws TF_ERR_STRATEGY_UNKNOWN naming the strategies there are. */
export function findStrategy(name: string, strategies: readonly Strategy[] = builtInStrategies): Strategy {
  const key = name.trim().toLowerCase();
  const strategy = strategies.find((candidate) => candidate.name === key);
  if (strategy === undefined) {
    throw new TickforgeError('TF_ERR_STRATEGY_UNKNOWN', `No strategy named "${name}". Built-in strategies: ${strategies.map((s) => s.name).join(', ')}.`, { details: { strategy: name } });
  }
  return strategy;
}
