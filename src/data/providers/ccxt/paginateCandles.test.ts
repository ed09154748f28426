import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paginateCandles, type Candle, type CandlePages } from './paginateCandles.js';

/**
 * The walk against model exchanges, one per way of reading `since` met in the wild, over
 * random histories with gaps: it must end, yield exactly the served candles in [from, to] once
 * each and in order, and stay within a request budget.
 */
type Semantics = 'honours-since' | 'window' | 'latest-n' | 'ignores-since' | 'overlapping';
const step = 60_000;

function model(history: readonly Candle[], semantics: Semantics, limit: number, cap: number): CandlePages & { requests: number } {
  const exchange = {
    requests: 0,
    async page(since: number): Promise<Candle[]> {
      exchange.requests++;
      switch (semantics) {
        case 'honours-since':
          return history.filter((c) => c[0] >= since).slice(0, limit);
        case 'window':
          return history.filter((c) => c[0] >= since && c[0] < since + limit * step);
        case 'latest-n':
          return history.slice(-cap).filter((c) => c[0] >= since).slice(0, limit);
        case 'ignores-since':
          return history.slice(-limit);
        case 'overlapping':
          return history.filter((c) => c[0] >= since - 2 * step).slice(0, limit);
      }
    },
    async latest(): Promise<Candle[]> {
      exchange.requests++;
      return history.slice(-Math.min(limit, cap));
    },
  };
  return exchange;
}

/** What the exchange can serve at all. */
function servable(history: readonly Candle[], semantics: Semantics, limit: number, cap: number): readonly Candle[] {
  if (semantics === 'latest-n') return history.slice(-cap);
  if (semantics === 'ignores-since') return history.slice(-limit);
  return history;
}

function candle(index: number): Candle {
  return [index * step, index, index + 1, index - 1, index + 0.5, 1];
}

async function walk(pages: CandlePages, from: number, to: number, limit: number, now: number): Promise<Candle[]> {
  const out: Candle[] = [];
  for await (const chunk of paginateCandles(pages, { from, to, step, limit, now: () => now })) {
    expect(chunk.length).toBeGreaterThan(0);
    out.push(...chunk);
  }
  return out;
}

describe('paginateCandles', () => {
  it('yields exactly the served candles in [from, to], in order, once, and ends within budget', async () => {
    const semantics = fc.constantFrom<Semantics>('honours-since', 'window', 'latest-n', 'ignores-since', 'overlapping');
    await fc.assert(
      fc.asyncProperty(
        semantics,
        fc.integer({ min: 0, max: 400 }), // candles in the history
        fc.array(fc.tuple(fc.nat(400), fc.integer({ min: 1, max: 120 })), { maxLength: 4 }), // gaps
        fc.integer({ min: 1, max: 60 }), // limit
        fc.integer({ min: 1, max: 150 }), // cap of latest-n
        fc.integer({ min: -50, max: 450 }), // from, in steps
        fc.integer({ min: 0, max: 500 }), // span of the range, in steps
        fc.integer({ min: 0, max: 100 }), // now beyond the last candle, in steps
        async (kind, count, gaps, pageSize, cap, fromIndex, span, idle) => {
          // An API whose pages overlap by 2 candles serves pages larger than the overlap.
          const limit = kind === 'overlapping' ? Math.max(pageSize, 3) : pageSize;
          const history: Candle[] = [];
          for (let i = 0; i < count; i++) if (!gaps.some(([at, length]) => i >= at && i < at + length)) history.push(candle(i));
          const now = (Math.max(count - 1, 0) + idle) * step + step / 3; // the last candle forms when idle = 0
          const from = fromIndex * step;
          const to = from + span * step;
          const exchange = model(history, kind, limit, cap);
          const got = await walk(exchange, from, to, limit, now);
          const expected = servable(history, kind, limit, cap).filter((c) => c[0] >= from && c[0] <= to);
          expect(got).toEqual(expected);
          // Every page moves the cursor at least one step towards min(to, now); plus one look at the latest.
          const end = Math.min(to, now);
          expect(exchange.requests).toBeLessThanOrEqual(Math.max(0, Math.floor((end - from) / step) + 1) + 1);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never asks past the forming candle', async () => {
    const history = Array.from({ length: 10 }, (_, i) => candle(i));
    const exchange = model(history, 'honours-since', 4, 100);
    const now = 9 * step + 1000; // candle 9 is forming
    const got = await walk(exchange, 0, 100 * step, 4, now);
    expect(got.map((c) => c[0] / step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(exchange.requests).toBe(3); // 0-3, 4-7, 8-9
  });

  it('crosses windows that are empty inside a gap with one look at the latest candles', async () => {
    const history = [...Array.from({ length: 5 }, (_, i) => candle(i)), ...Array.from({ length: 5 }, (_, i) => candle(100 + i))];
    const exchange = model(history, 'window', 10, 1000);
    const got = await walk(exchange, 0, 104 * step, 10, 104 * step + 1);
    expect(got).toEqual(history);
    // [0,10) data; [5,15) empty -> look; then windows of 5 (the widest span seen) up to 100.
    expect(exchange.requests).toBeLessThanOrEqual(2 + 1 + 20);
  });

  it('stops between requests when the signal aborts', async () => {
    const history = Array.from({ length: 100 }, (_, i) => candle(i));
    const controller = new AbortController();
    const pages = model(history, 'honours-since', 10, 1000);
    const walked: Candle[] = [];
    const run = (async () => {
      for await (const chunk of paginateCandles(pages, { from: 0, to: 99 * step, step, limit: 10, now: () => 1e12, signal: controller.signal })) {
        walked.push(...chunk);
        controller.abort();
      }
    })();
    await expect(run).rejects.toThrow(/abort/i);
    expect(walked).toHaveLength(10);
    expect(pages.requests).toBe(1);
  });
});
