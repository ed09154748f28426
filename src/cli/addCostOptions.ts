import type { Command } from 'commander';
import type { SimulationOptions } from '../backtest/simulator/BacktestOptions.js';
import { nonNegativeNumber, positiveNumber } from './parseOptions.js';

/** The cost and account options shared by `backtest`, `sweep` and `run`. */
export interface CostOptions {
  fees: number;
  slippageBps: number;
  initialCash: number;
}

export function addCostOptions(command: Command): Command {
  return command
    .option('--fees <rate>', 'fee per fill as a fraction of the notional (0.001 = 0.1%)', nonNegativeNumber, 0.001)
    .option('--slippage-bps <bps>', 'slippage of market fills in basis points', nonNegativeNumber, 5)
    .option('--initial-cash <amount>', 'starting equity', positiveNumber, 100_000);
}

export function simulationOptionsOf(options: CostOptions): SimulationOptions {
  return { initialCash: options.initialCash, fees: { rate: options.fees }, slippage: { bps: options.slippageBps } };
}
