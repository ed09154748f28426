import { TickforgeError } from './errors.js';

export const timeframeCodes = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w'] as const;
export type TimeframeCode = (typeof timeframeCodes)[number];

const MINUTE = 60_000;
const DAY = 86_400_000;
/** 1970-01-01 was a Thursday; weekly bars open on Monday 00:00 UTC as on most exchanges. */
const MONDAY_OFFSET = 4 * DAY;

const durations: Record<TimeframeCode, number> = {
  '1m': MINUTE,
  '3m': 3 * MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': 60 * MINUTE,
  '2h': 120 * MINUTE,
  '4h': 240 * MINUTE,
  '6h': 360 * MINUTE,
  '12h': 720 * MINUTE,
  '1d': DAY,
  '1w': 7 * DAY,
};

/** Accepted spellings beyond the canonical codes, so files and flags from other tools just work. */
const aliases: Record<string, TimeframeCode> = {
  '1min': '1m', '3min': '3m', '5min': '5m', '15min': '15m', '30min': '30m',
  '60m': '1h', '1hour': '1h', '120m': '2h', '240m': '4h', '24h': '1d', '1day': '1d', d: '1d',
  daily: '1d', '1wk': '1w', '7d': '1w', w: '1w', weekly: '1w', h: '1h', hourly: '1h',
};

/**
 * A bar period. Times are bar opens in milliseconds since the epoch, UTC; bars align to
 * multiples of the duration from the epoch, except weekly bars, which open on Mondays.
 */
export class Timeframe {
  private static readonly instances = new Map<TimeframeCode, Timeframe>();

  private constructor(
    readonly code: TimeframeCode,
    readonly milliseconds: number,
  ) {}

  static of(code: TimeframeCode): Timeframe {
    let timeframe = Timeframe.instances.get(code);
    if (timeframe === undefined) {
      timeframe = new Timeframe(code, durations[code]);
      Timeframe.instances.set(code, timeframe);
    }
    return timeframe;
  }

  /** @throws TF_ERR_CORE_TIMEFRAME_INVALID naming the value and the allowed codes. */
  static parse(value: string | Timeframe): Timeframe {
    if (value instanceof Timeframe) return value;
    const key = String(value).trim().toLowerCase();
    const code = (timeframeCodes as readonly string[]).includes(key) ? (key as TimeframeCode) : aliases[key];
    if (code === undefined) {
      throw new TickforgeError(
        'TF_ERR_CORE_TIMEFRAME_INVALID',
        `Unknown timeframe "${value}". Use one of: ${timeframeCodes.join(', ')}.`,
        { details: { value } },
      );
    }
    return Timeframe.of(code);
  }

  /** The timeframe whose duration equals `milliseconds`, or undefined. */
  static fromMilliseconds(milliseconds: number): Timeframe | undefined {
    for (const code of timeframeCodes) if (durations[code] === milliseconds) return Timeframe.of(code);
    return undefined;
  }

  /** The open time of the bar that contains `time`. */
  align(time: number): number {
    const offset = this.code === '1w' ? MONDAY_OFFSET : 0;
    return Math.floor((time - offset) / this.milliseconds) * this.milliseconds + offset;
  }

  isAligned(time: number): boolean {
    return this.align(time) === time;
  }

  /** The time a bar opened at `openTime` closes (and becomes known). */
  closeTime(openTime: number): number {
    return openTime + this.milliseconds;
  }

  /** True when every bar of this timeframe falls inside exactly one bar of `coarser`. */
  divides(coarser: Timeframe): boolean {
    if (coarser.milliseconds <= this.milliseconds) return coarser === this;
    if (coarser.milliseconds % this.milliseconds !== 0) return false;
    // Weekly buckets start on Monday: any timeframe dividing a day also divides a week.
    return coarser.code !== '1w' || DAY % this.milliseconds === 0;
  }

  toString(): string {
    return this.code;
  }

  toJSON(): string {
    return this.code;
  }
}
