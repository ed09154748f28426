import type { Command } from 'commander';
import type { Timeframe } from '../core/Timeframe.js';
import { instant, timeframe } from './parseOptions.js';

/** The options that select and shape stored series, shared by `show` and `export`. */
export interface SeriesOptions {
  timeframe?: Timeframe;
  from?: number;
  to?: number;
  resample?: Timeframe;
}

export function addSeriesOptions(command: Command): Command {
  return command
    .option('--timeframe <tf>', "stored timeframe (default: the symbol's only one, or 1d)", timeframe)
    .option('--from <time>', 'first bar open, inclusive (ISO date or date-time, UTC, or epoch ms)', instant)
    .option('--to <time>', 'last bar open, inclusive', instant)
    .option('--resample <tf>', 'aggregate to a coarser timeframe', timeframe);
}
