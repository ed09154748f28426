import { Command } from 'commander';
import { warmCache, type WarmedSeries } from '../app/warmCache.js';
import { cacheHealth } from '../cache/cacheHealth.js';
import type { CacheStats } from '../cache/ports.js';
import type { Timeframe } from '../core/Timeframe.js';
import { formatTable } from './formatTable.js';
import { globalOptionsOf, runtimeFor } from './globalOptions.js';
import { choice, symbolList, timeframe } from './parseOptions.js';
import { createProgress } from './progressBar.js';

interface CacheCommandOptions {
  symbols?: string[];
  timeframe?: Timeframe;
  format: 'table' | 'json';
}

export function cacheCommand(): Command {
  const cache = new Command('cache').description('warm the cache and read its statistics');
  withSeriesSelection(
    cache.command('warm').description('read series through the cache so later readers find them in Redis (L2) and this process\'s memory (L1)'),
  )
    .action(async (options: CacheCommandOptions, command: Command) => {
      const runtime = runtimeFor(command);
      const progress = createProgress({ quiet: globalOptionsOf(command).quiet === true || options.format === 'json', unit: 'series' });
      try {
        const warmed = await warmCache(runtime, {
          symbols: options.symbols,
          timeframe: options.timeframe,
          onProgress: (done, total) => (done === 0 ? progress.start(total, 'warming') : progress.update(done)),
        });
        progress.stop();
        const stats = (await runtime.cache()).stats();
        if (options.format === 'json') process.stdout.write(`${JSON.stringify({ warmed, l2: stats.l2State }, null, 2)}\n`);
        else process.stdout.write(`${formatWarmed(warmed, stats)}\n`);
      } finally {
        progress.stop();
        await runtime.close();
      }
    });
  withSeriesSelection(
    cache.command('stats').description('read series through the cache twice (cold, then warm) and print per-tier counters and a health score that explains itself'),
  )
    .action(async (options: CacheCommandOptions, command: Command) => {
      const runtime = runtimeFor(command);
      try {
        await warmCache(runtime, { symbols: options.symbols, timeframe: options.timeframe });
        await warmCache(runtime, { symbols: options.symbols, timeframe: options.timeframe });
        const stats = (await runtime.cache()).stats();
        const health = cacheHealth(stats, { l1MaxBytes: runtime.config.cache.l1.maxBytes });
        if (options.format === 'json') process.stdout.write(`${JSON.stringify({ stats, health }, null, 2)}\n`);
        else process.stdout.write(`${formatStats(stats)}\n\nhealth ${health.score}/100${health.findings.map((finding) => `\n- ${finding}`).join('')}\n`);
      } finally {
        await runtime.close();
      }
    });
  return cache;
}

/** The series both subcommands read: the configured warm list, or the symbols named. */
function withSeriesSelection(command: Command): Command {
  return command
    .option('--symbols <list>', 'symbols (default: cache.warm.symbols, else every stored symbol)', symbolList)
    .option('--timeframe <tf>', 'timeframe (default: cache.warm.timeframe)', timeframe)
    .option('--format <format>', 'table or json', choice(['table', 'json'] as const), 'table');
}

function formatWarmed(warmed: WarmedSeries[], stats: CacheStats): string {
  const table = formatTable(['symbol', 'timeframe', 'bars', 'from', 'ms'], warmed.map((entry) => [entry.symbol, entry.timeframe, entry.bars, entry.source, entry.milliseconds.toFixed(2)]));
  const note = stats.l2State === 'absent'
    ? 'No Redis (redis.url): the warm cache lives only in this process and ends with it; set redis.url to share it across processes.'
    : `Redis (L2) is ${stats.l2State === 'closed' ? 'up' : `unavailable (circuit ${stats.l2State})`}.`;
  return `${table}\n\n${warmed.length} series warmed. ${note}`;
}

function formatStats(stats: CacheStats): string {
  const rows = Object.entries(stats.tiers).map(([tier, counts]) => {
    const lookups = counts.hits + counts.misses;
    return [tier, counts.hits, counts.misses, lookups === 0 ? '-' : `${((counts.hits / lookups) * 100).toFixed(1)}%`, counts.sets, counts.evictions, counts.expirations, counts.errors, counts.entries, counts.bytes];
  });
  const tiers = formatTable(['tier', 'hits', 'misses', 'hit ratio', 'sets', 'evictions', 'expired', 'errors', 'entries', 'bytes'], rows);
  const { loads } = stats;
  const summary = `loads ${loads.count} (failed ${loads.failures}, mean ${loads.count === 0 ? 0 : (loads.totalMs / loads.count).toFixed(2)} ms, max ${loads.maxMs.toFixed(2)} ms), coalesced ${stats.coalesced}, delta refreshes ${stats.refreshes}, L2 ${stats.l2State}`;
  return `${tiers}\n\n${summary}`;
}
