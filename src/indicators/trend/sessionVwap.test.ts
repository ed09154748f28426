import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { expectNoLookAhead } from '../../../test/noLookAhead.js';
import { loadSharedBars, requireSharedData } from '../../../test/sharedData.js';
import { SessionVWAP, sessionOf, sessionVwap, sessionVwapLookback } from './sessionVwap.js';

const sharedData = requireSharedData('the session VWAP check on Binance 1-minute bars');
const outputs = ['vwap', 'upper', 'lower'] as const;

// The contract's random walk is daily (one bar per session); dividing its times by 40 turns it
// into 36-minute bars, about 40 to a session, so the running sums and resets are exercised.
for (const [label, toTime, start, deviations] of [
  ['daily bars', (t: number) => t, 0, 1],
  ['36-minute bars', (t: number) => t / 40, 0, 2],
  ['36-minute bars, sessions from 19:00 UTC', (t: number) => t / 40, 1140, 1],
] as const) {
  testIndicatorContract({
    name: `Session VWAP (${label})`,
    inputs: ['time', 'high', 'low', 'close', 'volume'],
    outputs,
    lookback: sessionVwapLookback(start, deviations),
    batch: ([t, h, l, c, v]) => {
      const result = sessionVwap(t.map(toTime), h, l, c, v, start, deviations);
      return outputs.map((name) => result[name]);
    },
    create: () => new SessionVWAP(start, deviations),
    update: (s, [t, h, l, c, v]) => s.update(toTime(t), h, l, c, v),
    replace: (s, [t, h, l, c, v]) => s.replace(toTime(t), h, l, c, v),
    read: (s) => [s.value, s.upper, s.lower],
    isReady: (s) => s.isReady,
    reset: (s) => s.reset(),
  });
}

describe('Session VWAP', () => {
  const hour = 3_600_000;
  const start = Date.UTC(2024, 0, 1, 22);
  // 22:00 and 23:00 on Jan 1, 00:00 and 01:00 on Jan 2; typical prices 10, 12, 20, 22
  const time = Float64Array.from([start, start + hour, start + 2 * hour, start + 3 * hour]);
  const high = Float64Array.from([11, 13, 21, 23]);
  const low = Float64Array.from([9, 11, 19, 21]);
  const close = Float64Array.from([10, 12, 20, 22]);
  const volume = Float64Array.from([100, 300, 50, 0]);

  it('accumulates within a UTC day and restarts at midnight, zero volume keeping the value (hand-computed)', () => {
    const result = sessionVwap(time, high, low, close, volume, 0, 1);
    // bar 1: (10*100 + 12*300)/400 = 11.5; variance (100*1.5^2 + 300*0.5^2)/400 = 0.75
    expect(result.vwap[0]).toBe(10);
    expect(result.vwap[1]).toBeCloseTo(11.5, 13);
    expect(result.upper[1]).toBeCloseTo(11.5 + Math.sqrt(0.75), 13);
    expect(result.lower[1]).toBeCloseTo(11.5 - Math.sqrt(0.75), 13);
    // midnight: a new session; the zero-volume bar at 01:00 leaves it at 20
    expect(Array.from(result.vwap.subarray(2))).toEqual([20, 20]);
    expect(Array.from(result.upper.subarray(2))).toEqual([20, 20]);
  });

  it('starts sessions at sessionStartMinutes after UTC midnight', () => {
    // sessions from 23:00 UTC: 22:00 alone, then 23:00, 00:00, 01:00 together
    const result = sessionVwap(time, high, low, close, volume, 23 * 60, 2);
    const mean = (12 * 300 + 20 * 50) / 350;
    const deviation = Math.sqrt((300 * (12 - mean) ** 2 + 50 * (20 - mean) ** 2) / 350);
    expect(result.vwap[0]).toBe(10);
    expect(result.vwap[1]).toBe(12);
    expect(result.vwap[2]).toBeCloseTo(mean, 13);
    expect(result.upper[2]).toBeCloseTo(mean + 2 * deviation, 13);
    expect(result.lower[2]).toBeCloseTo(mean - 2 * deviation, 13);
    expect(result.vwap[3]).toBeCloseTo(mean, 13);
    expect(sessionOf(start, 23 * 60)).toBe(sessionOf(start - 23 * hour, 23 * 60));
    expect(sessionOf(start + hour, 23 * 60)).toBe(sessionOf(start, 23 * 60) + 1);
  });

  it('is NaN until the first volume of a session', () => {
    const result = sessionVwap(time, high, low, close, Float64Array.from([0, 300, 0, 10]), 0, 1);
    expect(result.vwap[0]).toBeNaN();
    expect(result.upper[0]).toBeNaN();
    expect(result.vwap[1]).toBe(12);
    expect(result.vwap[2]).toBeNaN();
    expect(result.vwap[3]).toBe(22);
  });

  it('never uses a later bar', () => {
    expectNoLookAhead(['time', 'high', 'low', 'close', 'volume'], ([t, h, l, c, v]) => {
      const result = sessionVwap(t.map((x) => x / 40), h, l, c, v, 600, 1.5);
      return outputs.map((name) => result[name]);
    });
  });

  it('rejects a session start outside 0..1439, bad band deviations and inputs of unequal length', () => {
    for (const [minutes, deviations, text] of [
      [1440, 1, 'Session VWAP: sessionStartMinutes must be a whole number from 0 to 1439, got 1440'],
      [-300, 1, 'Session VWAP: sessionStartMinutes must be a whole number from 0 to 1439, got -300'],
      [0, -1, 'Session VWAP: bandDeviations must be a finite number from 0 to 100, got -1'],
    ] as const) {
      try {
        sessionVwap(time, high, low, close, volume, minutes, deviations);
        expect.unreachable();
      } catch (error) {
        expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
        expect((error as Error).message).toContain(text);
      }
    }
    expect(() => sessionVwap(time, high, low, close, new Float64Array(3))).toThrow(/Session VWAP: inputs must have equal lengths/);
  });

  it.skipIf(!sharedData)('on Binance 1-minute bars, equals a direct per-day sum and the stream', async () => {
    const [bars] = await loadSharedBars('binance_1m_7sym_2026-02.csv.gz', ['ALGOUSDT']);
    const result = sessionVwap(bars.time, bars.high, bars.low, bars.close, bars.volume, 0, 2);
    const stream = new SessionVWAP(0, 2);
    let day = NaN;
    let weighted = 0;
    let traded = 0;
    let checked = 0;
    for (let i = 0; i < bars.length; i++) {
      const d = Math.floor(bars.time[i] / 86_400_000);
      if (d !== day) {
        day = d;
        weighted = 0;
        traded = 0;
      }
      weighted += ((bars.high[i] + bars.low[i] + bars.close[i]) / 3) * bars.volume[i];
      traded += bars.volume[i];
      stream.update(bars.time[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]);
      if (traded === 0) {
        expect(result.vwap[i]).toBeNaN();
        continue;
      }
      const expected = weighted / traded;
      expect(Math.abs(result.vwap[i] - expected) / expected, `bar ${i}`).toBeLessThan(1e-9);
      expect(stream.value).toBe(result.vwap[i]);
      expect(stream.upper).toBe(result.upper[i]);
      expect(result.upper[i]).toBeGreaterThanOrEqual(result.vwap[i]);
      checked++;
    }
    expect(checked).toBeGreaterThan(39_000);
  }, 60_000);
});
