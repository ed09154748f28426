import { Command } from 'commander';
import { loadSeries } from '../app/loadSeries.js';
import type { Bars } from '../core/Bars.js';
import { formatTime } from '../core/time.js';
import { writeCsvBarsToStream } from '../data/csv/writeCsvBars.js';
import { formatTable } from './formatTable.js';
import { runtimeFor } from './globalOptions.js';
import { addSeriesOptions, type SeriesOptions } from './addSeriesOptions.js';
import { choice, positiveInteger } from './parseOptions.js';

interface ShowOptions extends SeriesOptions {
  tail?: number;
  format: 'table' | 'csv' | 'json';
}

export function showCommand(): Command {
  return addSeriesOptions(new Command('show').description('print the stored bars of one symbol').argument('<symbol>'))
    .option('--tail <n>', 'only the last n bars', positiveInteger)
    .option('--format <format>', 'table, csv or json', choice(['table', 'csv', 'json'] as const), 'table')
    .action(async (symbol: string, options: ShowOptions, command: Command) => {
      const runtime = runtimeFor(command);
      try {
        const store = await runtime.store();
        let bars = await loadSeries(store, { symbol, timeframe: options.timeframe, from: options.from, to: options.to, resample: options.resample });
        if (options.tail !== undefined) bars = bars.slice(Math.max(0, bars.length - options.tail));
        if (options.format === 'csv') await writeCsvBarsToStream(process.stdout, bars);
        else if (options.format === 'json') process.stdout.write(`${JSON.stringify(barsAsRecords(bars), null, 2)}\n`);
        else process.stdout.write(`${formatBarsTable(bars)}\n`);
      } finally {
        await runtime.close();
      }
    });
}

/** Row records for JSON output: built only at the output edge, never on a hot path. */
function barsAsRecords(bars: Bars): Array<Record<string, number | string | null>> {
  const records = [];
  for (let i = 0; i < bars.length; i++) {
    records.push({
      time: formatTime(bars.time[i]),
      open: finiteOrNull(bars.open[i]),
      high: finiteOrNull(bars.high[i]),
      low: finiteOrNull(bars.low[i]),
      close: finiteOrNull(bars.close[i]),
      volume: finiteOrNull(bars.volume[i]),
    });
  }
  return records;
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function formatBarsTable(bars: Bars): string {
  const dateOnly = bars.timeframe.milliseconds >= 86_400_000;
  const rows = [];
  for (let i = 0; i < bars.length; i++) {
    rows.push([formatTime(bars.time[i], dateOnly), bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]]);
  }
  return `${formatTable(['time', 'open', 'high', 'low', 'close', 'volume'], rows)}\n${bars.symbol} ${bars.timeframe.code}: ${bars.length} bars`;
}
