import type { Timeframe, TimeframeCode } from '../../../core/index.js';

const DAY = 86_400_000;

export type YahooInterval = '1m' | '5m' | '15m' | '30m' | '60m' | '1d' | '1wk';

export interface YahooIntervalSpec {
  interval: YahooInterval;
  /** Longest span Yahoo serves in one request, when it limits it. */
  spanPerRequest?: number;
  /** How far back from now Yahoo serves this interval at all, when it limits it. */
  history?: number;
}

/**
 * tickforge timeframes Yahoo's chart API serves, and Yahoo's limits on them (its error texts:
 * "Only 7 days worth of 1m granularity data are allowed to be fetched per request", "1m data
 * not available for startTime=... The requested range must be within the last 30 days", and
 * the same with 60 days for 2m..90m and 730 days for 60m/1h). Daily and weekly bars go back to
 * the listing, decades in one request. 3m, 2h, 4h, 6h and 12h have no Yahoo interval: fetch a
 * finer timeframe and resample.
 */
export const yahooIntervals: Partial<Record<TimeframeCode, YahooIntervalSpec>> = {
  '1m': { interval: '1m', spanPerRequest: 7 * DAY, history: 30 * DAY },
  '5m': { interval: '5m', spanPerRequest: 60 * DAY, history: 60 * DAY },
  '15m': { interval: '15m', spanPerRequest: 60 * DAY, history: 60 * DAY },
  '30m': { interval: '30m', spanPerRequest: 60 * DAY, history: 60 * DAY },
  '1h': { interval: '60m', spanPerRequest: 730 * DAY, history: 730 * DAY },
  '1d': { interval: '1d' },
  '1w': { interval: '1wk' },
};

/** Yahoo measures "the last N days" on its own clock: start this much inside the limit. */
export const historyMargin = 60 * 60_000;

export function yahooIntervalOf(timeframe: Timeframe): YahooIntervalSpec | undefined {
  return yahooIntervals[timeframe.code];
}
