import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bars } from '../../core/Bars.js';
import { Timeframe, type TimeframeCode } from '../../core/Timeframe.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { PlanStream } from '../../indicators/PlanStream.js';
import { runStrategy } from '../runStrategy.js';
import type { Strategy } from '../Strategy.js';
import { StrategyRunner } from '../StrategyRunner.js';
import { StreamingBias, VisibleBias, type MarketBias } from './marketBias.js';

type Row = readonly [open: number, high: number, low: number, close: number];

const HOUR = 3_600_000;
const DAY = 86_400_000;
const monday = Date.UTC(2024, 0, 1);

function barsOf(rows: readonly Row[], times: readonly number[], timeframe: TimeframeCode): Bars {
  return new Bars('BIAS', Timeframe.of(timeframe), {
    time: Float64Array.from(times), open: Float64Array.from(rows, (r) => r[0]), high: Float64Array.from(rows, (r) => r[1]),
    low: Float64Array.from(rows, (r) => r[2]), close: Float64Array.from(rows, (r) => r[3]), volume: new Float64Array(rows.length).fill(1),
  });
}

/** Five weekday bars whose week has the given open, high, low and close. */
function week(open: number, high: number, low: number, close: number): Row[] {
  return [[open, open, open, open], [open, high, open, high], [high, high, low, low], [low, Math.max(low, close), Math.min(low, close), close], [close, close, close, close]];
}

const describeBias = (bias: MarketBias) => `${bias.direction} ${bias.structureBreak?.kind ?? '-'} ${bias.structureBreak?.level ?? '-'} ${bias.seenTime}`;

/** Records the bias at every bar, vectorized and incrementally, through the real runners. */
function biasRecords(bars: Bars, higher: TimeframeCode, swing = 1): { vectorized: string[]; incremental: string[] } {
  const options = { swingLeft: swing, swingRight: swing };
  const vectorized: string[] = [];
  const incremental: string[] = [];
  const probe: Strategy = {
    name: 'bias-probe', title: 'bias probe', description: 'records the bias', parameters: [], indicators: () => [],
    higherTimeframe: () => Timeframe.of(higher),
    run(input) {
      const bias = new VisibleBias(input.higher!.bars, input.higher!.visible, options);
      for (let i = 0; i < input.bars.length; i++) vectorized.push(describeBias(bias.at(i, input.bars.time[i])));
    },
    createState() {
      const bias = new StreamingBias(options);
      return { update: (bar) => void incremental.push(describeBias(bias.update(bar))) };
    },
  };
  runStrategy(probe, bars);
  const runner = new StrategyRunner(probe, bars.symbol, bars.timeframe);
  for (let i = 0; i < bars.length; i++) runner.update(bars.time[i], bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]);
  return { vectorized, incremental };
}

describe('market bias from the higher timeframe', () => {
  // Weekly: W1's high 12 is a swing (confirmed by W2), W3 closes above it (BOS); W4's low 9 is a
  // swing (confirmed by W5), W6 closes below it (CHoCH). Each week is seen at the next Monday.
  const rows = [...week(9, 10, 8, 9.5), ...week(9.5, 12, 9, 11), ...week(11, 11, 10, 10.5), ...week(10.5, 13.2, 10.2, 13), ...week(13, 13, 9, 9.8), ...week(9.8, 10.5, 9.5, 10.2), ...week(10.2, 10.4, 8.2, 8.5), ...week(8.5, 8.8, 8, 8.6)];
  const times = rows.map((_, k) => monday + (Math.floor(k / 5) * 7 + (k % 5)) * DAY);
  const bars = barsOf(rows, times, '1d');

  it('turns bullish at the Monday after the week that broke the swing high, and bearish after the CHoCH', () => {
    const { vectorized } = biasRecords(bars, '1w');
    const mondayOf = (w: number) => monday + w * 7 * DAY;
    expect(vectorized[19]).toBe('0 - - NaN');
    for (let i = 20; i < 35; i++) expect(vectorized[i], `bar ${i}`).toBe(`1 bos 12 ${mondayOf(4)}`);
    for (let i = 35; i < 40; i++) expect(vectorized[i], `bar ${i}`).toBe(`-1 choch 9 ${mondayOf(7)}`);
  });

  it('gives the same bias at every bar incrementally', () => {
    const { vectorized, incremental } = biasRecords(bars, '1w');
    expect(incremental).toEqual(vectorized);
  });

  it('reads the first of two higher bars closed by one base bar (a gap in hourly data)', () => {
    // 4h buckets: H0 high 10, H1 high 12 (the swing), H2 high 11, H3 (Monday 12:00-16:00) has only
    // 12:00 and 13:00 and closes at 13 above the swing; the next bar, Tuesday 15:00, both ends H3
    // and completes its own bucket, so H3 and H4 close together there.
    const hourRows: Row[] = [
      ...Array<Row>(4).fill([9, 10, 8.5, 9.5]), ...Array<Row>(4).fill([9.5, 12, 9, 11]), ...Array<Row>(4).fill([11, 11, 10, 10.5]),
      [10.5, 11, 10.4, 10.8], [10.8, 13.2, 10.7, 13], [13, 13.1, 12.4, 12.5], [12.5, 12.6, 12.2, 12.3],
    ];
    const hours = [...Array.from({ length: 14 }, (_, h) => monday + h * HOUR), monday + DAY + 15 * HOUR, monday + DAY + 16 * HOUR];
    const { vectorized, incremental } = biasRecords(barsOf(hourRows, hours, '1h'), '4h');
    expect(vectorized[13]).toBe('0 - - NaN');
    expect(vectorized[14]).toBe(`1 bos 12 ${monday + DAY + 15 * HOUR}`);
    expect(incremental).toEqual(vectorized);
  });

  it('agrees bar by bar on random walks, daily into weekly and hourly into four-hourly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.constantFrom<[TimeframeCode, TimeframeCode]>(['1d', '1w'], ['1h', '4h'], ['1h', '1d']), fc.integer({ min: 1, max: 3 }), (seed, [base, higher], swing) => {
          const walk = randomWalkBars(400, seed);
          const bars = new Bars('W', Timeframe.of(base), { ...walk, time: Float64Array.from(walk.time, (_, i) => monday + i * Timeframe.of(base).milliseconds) });
          const { vectorized, incremental } = biasRecords(bars, higher, swing);
          expect(incremental).toEqual(vectorized);
        }),
      { numRuns: 30 },
    );
  });

  it('refuses a bar without higher-timeframe state', () => {
    const bar = { index: 0, time: 0, open: 1, high: 1, low: 1, close: 1, volume: 1, indicators: new PlanStream([]) };
    expect(() => new StreamingBias({}).update(bar)).toThrow(/smc needs higher-timeframe bars/);
  });
});
