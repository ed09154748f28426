import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bars } from '../../core/Bars.js';
import { Timeframe } from '../../core/Timeframe.js';
import { analyzeStructure } from '../../analysis/smc/StructureEngine.js';
import { atr } from '../../indicators/volatility/atr.js';
import { randomWalkBars } from '../../../test/randomWalk.js';
import { sharedDataAvailable } from '../../../test/sharedData.js';
import { barsFromRows, gridBars, type Row } from '../../../test/smc/structureFixtures.js';
import { expectSameSignals, runIncrementally, sharedDailyBars, testStrategyContract } from '../../../test/strategyContract.js';
import { alignHigherTimeframe } from '../HigherTimeframeBars.js';
import { resolveStrategyParameters } from '../resolveStrategyParameters.js';
import { runStrategy } from '../runStrategy.js';
import type { SignalFields } from '../Signal.js';
import { findStrategy } from '../strategyRegistry.js';
import { VisibleBias } from './marketBias.js';
import { SmcPipeline, type SmcSetup } from './SmcPipeline.js';
import { AnalysisMarket } from './smcMarket.js';
import { smcSettings } from './smcSettings.js';
import { smc } from './smcStrategy.js';

testStrategyContract(smc, [
  {},
  { stopAnchor: 'swing', retestBars: 0, breakBy: 'wick', minRiskReward: 1.5 },
  { zones: 'order-blocks', direction: 'long', higherTimeframe: '1w', biasSwingLength: 2, gapMinimumSize: 0.3 },
  { zones: 'fair-value-gaps', direction: 'short', exitOnBiasFlip: 'no', discountLimit: 0.35, stopBuffer: 0, maxTargets: 1 },
]);

/**
 * A bullish setup on hourly bars, read with 4h bias (swing strength 1), base swings of strength
 * 2 and a 3-bar ATR:
 * - 4h bias: H1 (hours 4-7) makes the 4h swing high 106, confirmed by H2; H3 (hours 12-15)
 *   closes at 107.8 above it: a 4h BOS, seen at bar 15.
 * - Base leg: a swing low 106.5 at bar 18 (confirmed at 20), an impulse to 119 at bar 24
 *   (confirmed at 26) leaving fair value gaps 107.3-108.2 (bar 20), 108.6-110 (21), 110.4-111.8
 *   (22), 112.4-114.2 (23), 114.6-117.2 (24). The dealing range is 106.5-119, equilibrium 112.75.
 * - Retrace: bars 25-27 touch the three upper gaps, closing inside or through them (no trigger);
 *   bar 28 first enters the gap 108.6-110 (low 109.4) and closes back above it at 110.6: the
 *   trigger. That gap's top 110 lies in discount (106.5-112.75).
 * - Stop: the gap's low 108.6 (the retest low 109.4 is higher) minus 0.25 ATR. Targets above
 *   110.6: the previous day's high 118 (bar 23; bar 24 opens day two), then the range high 119.
 * - Exit: H7 (hours 28-31) makes the 4h swing low 109.4, confirmed by H8; H9 closes at 108.6
 *   below it at bar 39: a bearish CHoCH, the bias flips and the long is closed. Neither the stop
 *   (about 107.95) nor the target 118 is reached before.
 */
const setupRows: Row[] = [
  [101, 101.5, 100.5, 101.2], [101.2, 101.8, 100.8, 101.5], [101.5, 102, 100, 100.4], [100.4, 101.6, 100.2, 101.4], // H0
  [101.4, 102.8, 101.2, 102.6], [102.6, 104.2, 102.4, 104.0], [104.0, 105.5, 103.8, 105.2], [105.2, 106, 104.8, 105.0], // H1: 4h swing high 106
  [105.0, 105.0, 103.8, 104.0], [104.0, 104.5, 103.2, 103.5], [103.5, 104.2, 103.0, 104.0], [104.0, 104.8, 103.6, 104.6], // H2
  [104.6, 105.6, 104.4, 105.4], [105.4, 106.4, 105.2, 106.2], [106.2, 107.2, 106.0, 107.0], [107.0, 108.0, 106.8, 107.8], // H3: 4h BOS
  [107.8, 108.2, 107.0, 107.2], [107.2, 107.6, 106.6, 106.9], [106.9, 107.3, 106.5, 107.1], [107.1, 108.6, 107.0, 108.4], // 18: swing low 106.5
  [108.4, 110.4, 108.2, 110.2], [110.2, 112.4, 110.0, 112.2], [112.2, 114.6, 111.8, 114.4], [114.4, 118.0, 114.2, 117.6], // impulse, gaps
  [117.6, 119.0, 117.2, 118.4], [118.4, 118.6, 115.0, 115.4], [115.4, 115.8, 113.0, 113.4], [113.4, 113.6, 111.2, 111.6], // 24: swing high 119
  [111.6, 111.9, 109.4, 110.6], [110.6, 113.0, 110.4, 112.8], [112.8, 113.4, 112.0, 112.4], [112.4, 112.8, 111.6, 112.0], // 28: the trigger
  [112.0, 112.6, 110.8, 111.0], [111.0, 111.4, 110.2, 110.6], [110.6, 111.0, 109.8, 110.2], [110.2, 110.6, 109.6, 110.0], // H8 confirms 109.4
  [110.0, 110.2, 109.0, 109.2], [109.2, 109.6, 108.6, 108.8], [108.8, 109.0, 108.2, 108.5], [108.5, 108.9, 108.1, 108.6], // H9: CHoCH
];
const setupParameters = { higherTimeframe: '4h', biasSwingLength: 1, swingLength: 2, atrPeriod: 3 };

describe('smc on a hand-built bullish setup', () => {
  const bars = barsFromRows(setupRows, '1h');
  const atr28 = atr(bars.high, bars.low, bars.close, 3)[28];

  it('enters long at the bar that rejects the discount gap, with the stop and targets worked out by hand, and exits on the bias flip', () => {
    const signals = runStrategy(smc, bars, setupParameters);
    expect(signals.map((s) => [s.index, s.kind, s.side, s.tag])).toEqual([[28, 'entry', 'long', 'fvg-retest'], [39, 'exit', 'long', 'fvg-retest']]);
    const [entry, exit] = signals;
    expect(entry.stopLoss).toBeCloseTo(108.6 - 0.25 * atr28, 9);
    expect(entry.takeProfit).toBe(118);
    expect(entry.targets).toEqual([119]);
    const risk = 110.6 - entry.stopLoss!;
    expect(entry.reason).toBe(
      'bullish bias (4h BOS above 106, seen 2024-01-01 15:00); bullish fair value gap 108.6-110 (formed 2024-01-01 21:00) in discount (106.5-112.75 of the range 106.5-119) '
        + `retested and closed back above 110; stop ${Number(entry.stopLoss!.toPrecision(7))} below fair value gap low 108.6 - 0.25 ATR (${Number(atr28.toPrecision(7))}); `
        + `target previous day high 118 (RR ${((118 - 110.6) / risk).toFixed(2)}), then dealing range high 119`,
    );
    expect(exit.reason).toBe('bias flipped against the long: 4h CHoCH below 109.4, seen 2024-01-02 15:00');
  });

  it('emits the same signals bar by bar', () => {
    expectSameSignals(runIncrementally(smc, bars, setupParameters), runStrategy(smc, bars, setupParameters), 'hand-built setup');
  });

  it("anchors the stop below the swing low 106.5 with stopAnchor 'swing', which pays 1.56 R: taken at 1.5, skipped at the default 2", () => {
    const swing = runStrategy(smc, bars, { ...setupParameters, stopAnchor: 'swing', minRiskReward: 1.5 });
    expect(swing[0].index).toBe(28);
    expect(swing[0].stopLoss).toBeCloseTo(106.5 - 0.25 * atr28, 9);
    expect(swing[0].reason).toMatch(/below swing low 106\.5 - 0\.25 ATR .*\(RR 1\.56\)/);
    expect(runStrategy(smc, bars, { ...setupParameters, stopAnchor: 'swing' })).toEqual([]);
  });

  it('skips the setup when the first target pays less than minRiskReward, or when only shorts are allowed', () => {
    expect(runStrategy(smc, bars, { ...setupParameters, minRiskReward: 3 })).toEqual([]);
    expect(runStrategy(smc, bars, { ...setupParameters, direction: 'short' })).toEqual([]);
    expect(runStrategy(smc, bars, { ...setupParameters, zones: 'order-blocks' })).toEqual([]);
  });

  it('keeps the long open through the bias flip with exitOnBiasFlip off', () => {
    expect(runStrategy(smc, bars, { ...setupParameters, exitOnBiasFlip: 'no' }).map((s) => s.index)).toEqual([28]);
  });

  it('signals nothing without a higher-timeframe bias: with a 4h swing strength of 5, ten 4h bars confirm no swing to break', () => {
    expect(runStrategy(smc, bars, { ...setupParameters, biasSwingLength: 5 })).toEqual([]);
  });
});

describe('smc: parameters, registry and input', () => {
  it('is a built-in strategy with a default for every parameter', () => {
    expect(findStrategy('SMC')).toBe(smc);
    const defaults = resolveStrategyParameters(smc, {});
    expect(Object.keys(defaults)).toHaveLength(smc.parameters.length);
    expect(defaults).toMatchObject({ higherTimeframe: 'auto', minRiskReward: 2, stopBuffer: 0.25, retestBars: 3, discountLimit: 0.5, direction: 'both' });
  });

  it('refuses weekly bars, which have no coarser timeframe for the bias, and names a bad parameter', () => {
    const weekly = new Bars('W', Timeframe.of('1w'), { ...randomWalkBars(50, 1) });
    expect(() => runStrategy(smc, weekly)).toThrow(/1w bars have none/);
    expect(() => runStrategy(smc, randomWalkBars(50, 1), { minRiskReward: -1 })).toThrow(/smc: minRiskReward must be a number from 0 to 100/);
  });

  it('names the higher timeframe that auto chose in reasons (1w for daily bars)', () => {
    const signals = runStrategy(smc, randomWalkBars(3_000, 21), { minRiskReward: 1 });
    expect(signals.length).toBeGreaterThan(0);
    for (const signal of signals.filter((s) => s.kind === 'entry')) expect(signal.reason).toMatch(/^(bullish|bearish) bias \(1w (BOS|CHoCH) (above|below) /);
  });
});

/** Hourly bars of a six-hour session (15:00-20:00 UTC) on weekdays: each 15:00 bar closes yesterday's unfinished 20:00-24:00 bucket and its own 12:00-16:00 one. */
function sessionBars(seed: number, days: number): Bars {
  const walk = randomWalkBars(days * 6, seed);
  const times: number[] = [];
  for (let day = 0; times.length < walk.length; day++) {
    const date = Date.UTC(2024, 0, 1) + day * 86_400_000;
    if (new Date(date).getUTCDay() % 6 === 0) continue;
    for (let hour = 15; hour <= 20; hour++) times.push(date + hour * 3_600_000);
  }
  return new Bars(`SESSION${seed}`, Timeframe.of('1h'), { ...walk, time: Float64Array.from(times) });
}

describe('smc where one bar closes two higher bars', () => {
  it('emits the same signals vectorized and incrementally on hourly sessions read with 4h bias', () => {
    let total = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const bars = sessionBars(seed, 400);
      const visible = alignHigherTimeframe(bars, Timeframe.of('4h')).visible;
      expect(visible.some((v, i) => i > 0 && v - visible[i - 1] === 2), 'a double close happens').toBe(true);
      const parameters = { minRiskReward: 1, biasSwingLength: 2 };
      const vectorized = runStrategy(smc, bars, parameters);
      expectSameSignals(runIncrementally(smc, bars, parameters), vectorized, bars.symbol);
      total += vectorized.length;
    }
    expect(total).toBeGreaterThan(0);
  });
});

describe('smc on the S&P 500 daily file with default parameters', () => {
  it.skipIf(!sharedDataAvailable)('finds setups on the ten contract symbols, longs and shorts, each naming its structure and level', async () => {
    const signals = (await sharedDailyBars()).flatMap((bars) => runStrategy(smc, bars));
    const entries = signals.filter((s) => s.kind === 'entry');
    expect(entries.some((s) => s.side === 'long')).toBe(true);
    expect(entries.some((s) => s.side === 'short')).toBe(true);
    for (const entry of entries) expect(entry.reason).toMatch(/bias \(1w .*(order block|fair value gap) .* in (discount|premium) .*; stop .*; target .* \(RR \d+\.\d\d\)/);
  }, 60_000);
});

describe('smc properties', () => {
  it('every entry: stop beyond the entry, first target beyond it, RR at least the minimum, the zone first touched and in discount or premium at the trigger', () => {
    let entries = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }), fc.boolean(),
        fc.record({
          minRiskReward: fc.constantFrom(0.5, 1, 2), discountLimit: fc.constantFrom(0.35, 0.5, 0.8), retestBars: fc.integer({ min: 0, max: 4 }),
          stopAnchor: fc.constantFrom('zone', 'swing'), swingLength: fc.integer({ min: 2, max: 5 }), biasSwingLength: fc.integer({ min: 1, max: 3 }),
        }),
        (seed, grid, parameters) => {
          const bars = grid ? gridBars(seed, 1_200) : randomWalkBars(1_200, seed);
          const higher = alignHigherTimeframe(bars, Timeframe.of(grid ? '4h' : '1w'));
          const settings = smcSettings(resolveStrategyParameters(smc, parameters));
          const analysis = analyzeStructure(bars, settings.structure);
          const market = new AnalysisMarket(bars, analysis, settings);
          const bias = new VisibleBias(higher.bars, higher.visible, settings.biasStructure);
          const pipeline = new SmcPipeline(settings);
          const found: [number, SignalFields, SmcSetup][] = [];
          const emit = (index: number, fields: SignalFields) => {
            if (fields.kind === 'entry') found.push([index, fields, pipeline.lastSetup!]);
          };
          for (let i = 0; i < bars.length; i++) if (market.load(i)) pipeline.step(market, bias.at(i, bars.time[i]), emit);
          for (const [index, fields, setup] of found) {
            const close = bars.close[index];
            const { zone, touchedIndex } = setup.retest;
            const long = fields.side === 'long';
            expect(setup.index).toBe(index);
            expect(zone.direction).toBe(long ? 1 : -1);
            expect(bias.at(index, bars.time[index]).direction, 'the bias at the trigger').toBe(zone.direction);
            if (long) expect(fields.stopLoss! < close && close < fields.takeProfit!).toBe(true);
            else expect(fields.stopLoss! > close && close > fields.takeProfit!).toBe(true);
            const ratio = long ? (fields.takeProfit! - close) / (close - fields.stopLoss!) : (close - fields.takeProfit!) / (fields.stopLoss! - close);
            expect(ratio).toBeGreaterThanOrEqual(settings.minRiskReward);
            const further = fields.targets ?? [];
            [fields.takeProfit!, ...further].reduce((previous, target) => (expect(long ? target > previous : target < previous).toBe(true), target));
            // Discount (premium) at the trigger bar, read from the analysis's own dealing-range columns.
            const rangeHigh = analysis.dealingRange.rangeHigh[index];
            const rangeLow = analysis.dealingRange.rangeLow[index];
            const span = rangeHigh - rangeLow;
            if (long) expect(zone.top <= rangeLow + settings.discountLimit * span && zone.top >= rangeLow).toBe(true);
            else expect(zone.bottom >= rangeHigh - settings.discountLimit * span && zone.bottom <= rangeHigh).toBe(true);
            // The zone was unmitigated until its touch, which came at most retestBars before the trigger.
            const events = zone.kind === 'order block'
              ? analysis.orderBlocks.blocks.filter((b) => b.index === zone.index && b.direction === zone.direction).map((b) => b.mitigatedIndex)
              : analysis.fairValueGaps.gaps.filter((g) => g.index === zone.index).map((g) => g.enteredIndex);
            expect(events).toContain(touchedIndex);
            expect(index - touchedIndex).toBeGreaterThanOrEqual(0);
            expect(index - touchedIndex).toBeLessThanOrEqual(settings.retestBars);
          }
          entries += found.length;
        },
      ),
      { numRuns: 40 },
    );
    expect(entries).toBeGreaterThan(0);
  });

});
