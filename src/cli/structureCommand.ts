import { Command } from 'commander';
import { analyzeStructure, type StructureAnalysis } from '../analysis/smc/StructureEngine.js';
import type { StructureOptions } from '../analysis/smc/structureOptions.js';
import { chartFormatOf, writeChart } from '../app/writeChart.js';
import type { Bars } from '../core/Bars.js';
import { structureChart } from '../report/structureChart.js';
import { formatTable } from './formatTable.js';
import { choice, positiveInteger, positiveNumber } from './parseOptions.js';
import { addCommandSeriesOptions, readCommandSeries, type CommandSeriesOptions } from './readCommandSeries.js';

interface StructureCommandOptions extends CommandSeriesOptions {
  swingLeft?: number;
  swingRight?: number;
  breakBy?: 'close' | 'wick';
  gapMinimumAtr?: number;
  equalTolerance?: number;
  last: number;
  format: 'table' | 'json';
  chart?: string;
}

export function structureCommand(): Command {
  return addCommandSeriesOptions(
    new Command('structure')
      .description('market structure of one series (swings, BOS/CHoCH, fair value gaps, order blocks, equal highs/lows, the dealing range); --chart draws it')
      .argument('[symbol]', 'the symbol (from the store, or from a multi-symbol --input file)'),
  )
    .option('--swing-left <n>', 'bars a swing must exceed before it (default 5)', positiveInteger)
    .option('--swing-right <n>', 'bars after a swing that confirm it (default 5)', positiveInteger)
    .option('--break-by <what>', 'what breaks a level: close or wick (default close)', choice(['close', 'wick'] as const))
    .option('--gap-minimum-atr <x>', 'smallest fair value gap in ATRs (default 0: all)', positiveNumber)
    .option('--equal-tolerance <x>', 'equal highs/lows tolerance in ATRs (default 0.1)', positiveNumber)
    .option('--last <bars>', 'print (and draw) only events in the last this many bars', positiveInteger, 250)
    .option('--format <format>', 'table or json', choice(['table', 'json'] as const), 'table')
    .option('--chart <file>', 'draw the candles with the structure on top: .html (interactive), .png or .svg')
    .action(async (symbol: string | undefined, options: StructureCommandOptions, command: Command) => {
      if (options.chart !== undefined) chartFormatOf(options.chart);
      const [bars] = await readCommandSeries({ ...options, symbol: symbol ?? options.symbol }, command, true);
      const structureOptions: StructureOptions = {
        swingLeft: options.swingLeft, swingRight: options.swingRight, breakBy: options.breakBy,
        gapMinimumSize: options.gapMinimumAtr, equalTolerance: options.equalTolerance,
      };
      const analysis = analyzeStructure(bars, structureOptions);
      const from = Math.max(0, bars.length - options.last);
      process.stdout.write(options.format === 'json' ? `${JSON.stringify(structureJson(bars, analysis, from), null, 2)}\n` : structureTables(bars, analysis, from));
      if (options.chart !== undefined) {
        await writeChart(structureChart(bars, analysis, { lastBars: options.last }), options.chart);
        process.stderr.write(`chart written to ${options.chart}\n`);
      }
    });
}

const day = (time: number) => new Date(time).toISOString().replace('T00:00:00.000Z', '').replace(':00.000Z', 'Z');
const price = (value: number) => Number(value.toPrecision(8));
const direction = (value: 1 | -1) => (value === 1 ? 'bullish' : 'bearish');
const at = (index: number, bars: Bars) => (index >= 0 ? day(bars.time[index]) : '');

/** Every event whose reporting bar is at or after `from`, as plain records. */
function structureJson(bars: Bars, analysis: StructureAnalysis, from: number) {
  const last = bars.length - 1;
  return {
    symbol: bars.symbol,
    timeframe: bars.timeframe.code,
    bars: bars.length,
    swings: analysis.swings.points.filter((p) => p.confirmedIndex >= from).map((p) => ({ kind: p.kind, time: day(p.time), price: p.price, confirmed: day(p.confirmedTime) })),
    breaks: analysis.breaks.breaks.filter((b) => b.index >= from).map((b) => ({ kind: b.kind, direction: direction(b.direction), level: b.level, swing: day(b.swing.time), time: day(b.time) })),
    fairValueGaps: analysis.fairValueGaps.gaps.filter((g) => g.index >= from || g.filledIndex < 0).map((g) => ({
      direction: direction(g.direction), top: g.top, bottom: g.bottom, time: day(g.time), entered: at(g.enteredIndex, bars) || null, filled: at(g.filledIndex, bars) || null,
    })),
    orderBlocks: analysis.orderBlocks.blocks.filter((b) => b.index >= from || (b.mitigatedIndex < 0 && b.invalidatedIndex < 0)).map((b) => ({
      direction: direction(b.direction), top: b.top, bottom: b.bottom, candle: day(b.candleTime), time: day(b.time), mitigated: at(b.mitigatedIndex, bars) || null, invalidated: at(b.invalidatedIndex, bars) || null,
    })),
    liquidity: analysis.equalLevels.pools.filter((p) => p.index >= from || p.outcome === 'open').map((p) => ({
      side: p.side, level: p.level, swings: p.swings.length, formed: day(p.time), outcome: p.outcome, ended: at(p.endIndex, bars) || null,
    })),
    dealingRange: { high: analysis.dealingRange.rangeHigh[last], low: analysis.dealingRange.rangeLow[last], equilibrium: analysis.dealingRange.equilibrium[last], zone: zoneName(analysis.dealingRange.zone[last]) },
    previousLevels: {
      dayHigh: analysis.previousLevels.previousDayHigh[last], dayLow: analysis.previousLevels.previousDayLow[last],
      weekHigh: analysis.previousLevels.previousWeekHigh[last], weekLow: analysis.previousLevels.previousWeekLow[last],
    },
  };
}

function zoneName(zone: number): string {
  return zone === 1 ? 'premium' : zone === -1 ? 'discount' : zone === 0 ? 'equilibrium' : 'none';
}

function structureTables(bars: Bars, analysis: StructureAnalysis, from: number): string {
  const json = structureJson(bars, analysis, from);
  const sections = [
    `${json.symbol} ${json.timeframe}: ${json.bars} bars, events in the last ${bars.length - from}`,
    `swings (${json.swings.length})\n${formatTable(['kind', 'pivot', 'price', 'confirmed'], json.swings.map((s) => [s.kind, s.time, price(s.price), s.confirmed]))}`,
    `breaks of structure (${json.breaks.length})\n${formatTable(['kind', 'direction', 'level', 'swing', 'broken'], json.breaks.map((b) => [b.kind.toUpperCase(), b.direction, price(b.level), b.swing, b.time]))}`,
    `fair value gaps (${json.fairValueGaps.length}, older unfilled ones included)\n${formatTable(['direction', 'bottom', 'top', 'formed', 'entered', 'filled'], json.fairValueGaps.map((g) => [g.direction, price(g.bottom), price(g.top), g.time, g.entered ?? '', g.filled ?? '']))}`,
    `order blocks (${json.orderBlocks.length}, older live ones included)\n${formatTable(['direction', 'bottom', 'top', 'candle', 'known', 'mitigated', 'invalidated'], json.orderBlocks.map((b) => [b.direction, price(b.bottom), price(b.top), b.candle, b.time, b.mitigated ?? '', b.invalidated ?? '']))}`,
    `liquidity pools (${json.liquidity.length})\n${formatTable(['side', 'level', 'swings', 'formed', 'outcome', 'ended'], json.liquidity.map((p) => [p.side, price(p.level), p.swings, p.formed, p.outcome, p.ended ?? '']))}`,
    `dealing range: low ${price(json.dealingRange.low)}, high ${price(json.dealingRange.high)}, equilibrium ${price(json.dealingRange.equilibrium)}; the last close is in ${json.dealingRange.zone}`,
  ];
  return `${sections.join('\n\n')}\n`;
}
