import { TickforgeError, type Bars, type Timeframe } from '../../../core/index.js';
import type { SourceTable } from '../../BarsFileResult.js';
import { listBarsFiles, readBarsFiles, type ReadBarsOptions } from '../../readBarsFile.js';
import { isExpectedSlot } from '../../sync/missingSpans.js';
import type { BarsProvider, FetchBarsOptions, MarketCalendarName, ProviderLimits } from '../ports.js';
import { runNow } from '../ports.js';

export interface FileProviderOptions extends Pick<ReadBarsOptions, 'symbol' | 'timeframe' | 'allowMissingVolume'> {
  /** Bars per yielded chunk. */
  pageSize?: number;
}

interface FileSeries {
  timeframe: Timeframe;
  tables: SourceTable[];
}

/**
 * CSV and Parquet files and directories behind the provider port: one file per symbol or
 * multi-symbol files, read once with the foundation's readers. Rows come out in file order,
 * unvalidated (a repeated or out-of-order row is the manager's validation's to report, with
 * the file and line), restricted to the asked range.
 */
export class FileProvider implements BarsProvider {
  readonly name = 'file';
  readonly limits: ProviderLimits;

  private constructor(
    private readonly paths: readonly string[],
    private readonly series: ReadonlyMap<string, FileSeries[]>,
    pageSize: number,
  ) {
    this.limits = { maxBarsPerRequest: pageSize, requestsPerSecond: 10_000, maxConcurrency: 8, earliestTime: (timeframe) => this.earliest(timeframe) };
  }

  /**
   * Reads every file under `paths` once.
   * @throws the readers' TF_ERR_DATA_* errors (missing file, bad CSV) naming the file and line.
   */
  static async open(paths: readonly string[], options: FileProviderOptions = {}): Promise<FileProvider> {
    if (paths.length === 0) {
      throw new TickforgeError('TF_ERR_CLI_USAGE', 'The file provider needs at least one file or directory: pass the paths to read.');
    }
    const bySymbol = new Map<string, FileSeries[]>();
    for await (const result of readBarsFiles(await listBarsFiles(paths), options)) {
      for (const table of result.tables) {
        const list = bySymbol.get(table.symbol) ?? [];
        let entry = list.find((candidate) => candidate.timeframe === table.bars.timeframe);
        if (entry === undefined) list.push((entry = { timeframe: table.bars.timeframe, tables: [] }));
        entry.tables.push(table);
        bySymbol.set(table.symbol, list);
      }
    }
    return new FileProvider(paths, bySymbol, options.pageSize ?? 50_000);
  }

  /** `weekdays` unless a file holds a bar of the symbol on a Saturday or Sunday. */
  calendar(symbol: string): MarketCalendarName {
    for (const { timeframe, tables } of this.series.get(symbol) ?? []) {
      for (const { bars } of tables) {
        for (let row = 0; row < bars.length; row++) if (!isExpectedSlot(bars.time[row], timeframe, 'weekdays')) return 'continuous';
      }
    }
    return 'weekdays';
  }

  supportsTimeframe(timeframe: Timeframe): boolean {
    for (const list of this.series.values()) if (list.some((entry) => entry.timeframe === timeframe)) return true;
    return false;
  }

  async *fetchBars(symbol: string, timeframe: Timeframe, from: number, to: number, options: FetchBarsOptions = {}): AsyncGenerator<Bars> {
    const schedule = options.schedule ?? runNow;
    const list = await schedule(async () => this.series.get(symbol));
    if (list === undefined) {
      throw new TickforgeError('TF_ERR_PROVIDER_SYMBOL', `No file among ${this.paths.join(', ')} holds symbol ${symbol}; they hold ${[...this.series.keys()].sort().join(', ') || 'no symbols'}.`, {
        details: { symbol, paths: this.paths },
      });
    }
    const page = this.limits.maxBarsPerRequest;
    for (const entry of list) {
      if (entry.timeframe !== timeframe) continue;
      for (const { bars } of entry.tables) {
        // File order is kept (no sort here) and rows with a broken time are passed on: an
        // unsorted or damaged file must reach validation as it is, to be reported.
        const rows: number[] = [];
        for (let row = 0; row < bars.length; row++) {
          const time = bars.time[row];
          if ((time >= from && time <= to) || !Number.isFinite(time)) rows.push(row);
        }
        for (let start = 0; start < rows.length; start += page) {
          options.signal?.throwIfAborted();
          yield bars.pick(rows.slice(start, start + page));
        }
      }
    }
  }

  /** The first bar time of any file at this timeframe: where a sync without --from starts. */
  private earliest(timeframe: Timeframe): number | undefined {
    let earliest = Infinity;
    for (const list of this.series.values()) {
      for (const entry of list) {
        if (entry.timeframe !== timeframe) continue;
        for (const { bars } of entry.tables) for (let row = 0; row < bars.length; row++) if (bars.time[row] < earliest) earliest = bars.time[row];
      }
    }
    return Number.isFinite(earliest) ? earliest : undefined;
  }

  async listSymbols(): Promise<string[]> {
    return [...this.series.keys()].sort();
  }

  async close(): Promise<void> {}
}
