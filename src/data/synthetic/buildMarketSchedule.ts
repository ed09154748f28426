import type { Timeframe } from '../../core/Timeframe.js';

export const DAY_MILLISECONDS = 86_400_000;

export interface MarketScheduleOptions {
  market: 'equity' | 'crypto';
  timeframe: Timeframe;
  /** Bar opens in [start, end), ms UTC. */
  start: number;
  end: number;
  /** Equity session, ms after 00:00 UTC; open < close within one UTC day. */
  sessionOpen: number;
  sessionClose: number;
  /** UTC day numbers (ms / day) on which equities do not trade. */
  holidays: ReadonlySet<number>;
  /** Share of a trading day's variance that falls between the previous close and the open (equity). */
  overnightVarianceShare: number;
  /** U-shape strength c of the intraday weight 1 + c (2x - 1)^2, x = fraction of the session (equity). */
  intradayVarianceShape: number;
  intradayVolumeShape: number;
}

/**
 * The time skeleton shared by every symbol of a synthetic universe: bar opens, and the
 * "pieces" each bar is made of. A piece is a stretch of one day's price path with its share
 * of that day's variance and volume: the session part of a bar (trading), or the overnight gap
 * before a session (the price moves, nothing trades). Intraday bars have one trading piece
 * (plus a gap when a session opens in the bar); daily equity bars a gap and a session; weekly
 * bars one or two pieces per day. A full trading day's variance shares sum to 1.
 */
export interface MarketSchedule {
  barTimes: Float64Array;
  pieceCount: number;
  /** Index of the bar a piece belongs to (non-decreasing). */
  pieceBar: Int32Array;
  /** UTC day number of the piece: the volatility (GARCH) step changes with it. */
  pieceDay: Int32Array;
  pieceVarianceShare: Float64Array;
  /** Share of a day's volume; 0 for gaps. */
  pieceVolumeShare: Float64Array;
  /** 1 for an overnight gap, 0 for trading. */
  pieceGap: Uint8Array;
}

/**
 * Builds the bar and piece schedule of a market calendar.
 *
 * Equity bars: Monday to Friday outside `holidays`, session [sessionOpen, sessionClose) UTC.
 * A bar exists when its interval [open, open + timeframe) overlaps a session, and it holds
 * the trading of that overlap. For timeframes that divide 30 minutes every bar opens inside
 * the session; coarser ones keep the epoch-aligned grid (`Timeframe.align`), so with the
 * default 14:30-21:00 session the 1h bars open at 14:00 (holding 14:30-15:00), 15:00, ...,
 * 20:00, exactly the buckets a resample of 1m bars produces. Daily bars open at 00:00 UTC,
 * weekly bars on Monday 00:00 UTC. Crypto bars cover the whole grid, 24/7.
 */
export function buildMarketSchedule(options: MarketScheduleOptions): MarketSchedule {
  const { timeframe, start, end } = options;
  const step = timeframe.milliseconds;
  const firstOpen = timeframe.isAligned(start) ? start : timeframe.align(start) + step;
  const barSlots = Math.max(0, Math.ceil((end - firstOpen) / step)) + 1;
  const intraday = step < DAY_MILLISECONDS;
  const daysPerBar = Math.max(1, step / DAY_MILLISECONDS);
  const sessionBars = Math.ceil((options.sessionClose - options.sessionOpen) / step) + 1;
  const days = Math.ceil((end - start) / DAY_MILLISECONDS) + 2;
  const barCapacity = options.market === 'equity' && intraday ? Math.min(barSlots, days * sessionBars) : barSlots;
  const pieceCapacity = intraday ? barCapacity + (options.market === 'equity' ? days : 0) : barCapacity * daysPerBar * 2;
  const writer = new ScheduleWriter(barCapacity, pieceCapacity);

  if (options.market === 'crypto') {
    for (let open = firstOpen; open < end; open += step) {
      const bar = writer.addBar(open);
      if (intraday) {
        const share = step / DAY_MILLISECONDS;
        writer.addPiece(bar, Math.floor(open / DAY_MILLISECONDS), share, share, false);
      } else {
        for (let day = open; day < open + step; day += DAY_MILLISECONDS) {
          writer.addPiece(bar, Math.floor(day / DAY_MILLISECONDS), 1, 1, false);
        }
      }
    }
  } else if (intraday) {
    const firstDay = Math.floor(firstOpen / DAY_MILLISECONDS);
    for (let day = firstDay; day * DAY_MILLISECONDS < end; day++) {
      if (!isTradingDay(day, options.holidays)) continue;
      const sessionOpen = day * DAY_MILLISECONDS + options.sessionOpen;
      const sessionClose = day * DAY_MILLISECONDS + options.sessionClose;
      let gapPending = true;
      for (let open = timeframe.align(sessionOpen); open < sessionClose && open < end; open += step) {
        if (open < firstOpen) continue;
        const bar = writer.addBar(open);
        if (gapPending) {
          // The first piece of the universe has no previous close to gap from.
          if (writer.pieceCount > 0) writer.addPiece(bar, day, options.overnightVarianceShare, 0, true);
          gapPending = false;
        }
        addSessionPiece(writer, options, bar, day, Math.max(open, sessionOpen), Math.min(open + step, sessionClose));
      }
    }
  } else {
    for (let open = firstOpen; open < end; open += step) {
      let bar = -1;
      for (let dayStart = open; dayStart < open + step; dayStart += DAY_MILLISECONDS) {
        const day = Math.floor(dayStart / DAY_MILLISECONDS);
        if (!isTradingDay(day, options.holidays)) continue;
        if (bar < 0) bar = writer.addBar(open);
        if (writer.pieceCount > 0) writer.addPiece(bar, day, options.overnightVarianceShare, 0, true);
        addSessionPiece(writer, options, bar, day, dayStart + options.sessionOpen, dayStart + options.sessionClose);
      }
    }
  }
  return writer.finish();
}

/** Monday to Friday (the epoch, day 0, was a Thursday) and not a holiday. */
export function isTradingDay(day: number, holidays: ReadonlySet<number>): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday
  return weekday !== 0 && weekday !== 6 && !holidays.has(day);
}

function addSessionPiece(
  writer: ScheduleWriter,
  options: MarketScheduleOptions,
  bar: number,
  day: number,
  from: number,
  to: number,
): void {
  const sessionStart = day * DAY_MILLISECONDS + options.sessionOpen;
  const length = options.sessionClose - options.sessionOpen;
  const x0 = (from - sessionStart) / length;
  const x1 = (to - sessionStart) / length;
  const variance = (1 - options.overnightVarianceShare) * (uShape(x1, options.intradayVarianceShape) - uShape(x0, options.intradayVarianceShape));
  const volume = uShape(x1, options.intradayVolumeShape) - uShape(x0, options.intradayVolumeShape);
  writer.addPiece(bar, day, variance, volume, false);
}

/** Cumulative share in [0, x] of the weight 1 + c (2x - 1)^2 over a session, 0 at x = 0 and 1 at x = 1. */
function uShape(x: number, c: number): number {
  const centred = 2 * x - 1;
  return (x + (c * (centred * centred * centred + 1)) / 6) / (1 + c / 3);
}

class ScheduleWriter {
  private readonly barTimes: Float64Array;
  private barCount = 0;
  private readonly pieceBar: Int32Array;
  private readonly pieceDay: Int32Array;
  private readonly pieceVarianceShare: Float64Array;
  private readonly pieceVolumeShare: Float64Array;
  private readonly pieceGap: Uint8Array;
  pieceCount = 0;

  constructor(barCapacity: number, pieceCapacity: number) {
    this.barTimes = new Float64Array(barCapacity);
    this.pieceBar = new Int32Array(pieceCapacity);
    this.pieceDay = new Int32Array(pieceCapacity);
    this.pieceVarianceShare = new Float64Array(pieceCapacity);
    this.pieceVolumeShare = new Float64Array(pieceCapacity);
    this.pieceGap = new Uint8Array(pieceCapacity);
  }

  addBar(open: number): number {
    this.barTimes[this.barCount] = open;
    return this.barCount++;
  }

  addPiece(bar: number, day: number, varianceShare: number, volumeShare: number, gap: boolean): void {
    const i = this.pieceCount++;
    this.pieceBar[i] = bar;
    this.pieceDay[i] = day;
    this.pieceVarianceShare[i] = varianceShare;
    this.pieceVolumeShare[i] = volumeShare;
    this.pieceGap[i] = gap ? 1 : 0;
  }

  finish(): MarketSchedule {
    const n = this.pieceCount;
    return {
      barTimes: this.barTimes.slice(0, this.barCount),
      pieceCount: n,
      pieceBar: this.pieceBar.subarray(0, n),
      pieceDay: this.pieceDay.subarray(0, n),
      pieceVarianceShare: this.pieceVarianceShare.subarray(0, n),
      pieceVolumeShare: this.pieceVolumeShare.subarray(0, n),
      pieceGap: this.pieceGap.subarray(0, n),
    };
  }
}
