import { describe, expect, it } from 'vitest';
import { randomWalkBars } from '../../test/randomWalk.js';
import { analyzeStructure } from '../analysis/smc/StructureEngine.js';
import { structureChart } from './structureChart.js';

describe('structureChart', () => {
  const bars = randomWalkBars(600, 21, 'XYZ');
  const analysis = analyzeStructure(bars, { swingLeft: 3, swingRight: 3 });

  it('draws every swing as a marker and every break as a segment from its swing to the breaking bar', () => {
    const model = structureChart(bars, analysis);
    expect(model.markers.map((m) => [m.time, m.text])).toEqual(analysis.swings.points.map((p) => [p.time, p.kind === 'high' ? 'SH' : 'SL']));
    const breaks = model.segments.filter((s) => s.label === 'BOS' || s.label === 'CHoCH');
    expect(breaks.map((s) => [s.fromTime, s.toTime, s.price])).toEqual(analysis.breaks.breaks.map((b) => [b.swing.time, b.time, b.level]));
    expect(breaks.length).toBeGreaterThan(5);
    expect(model.boxes.length).toBeGreaterThan(0);
  });

  it('with lastBars keeps the events of the window and only the open zones near its prices', () => {
    const model = structureChart(bars, analysis, { lastBars: 100 });
    const start = bars.time[500];
    expect(model.candles.time[0]).toBe(start);
    expect(model.markers.every((m) => m.time >= start)).toBe(true);
    let low = Infinity;
    let high = -Infinity;
    for (let i = 500; i < 600; i++) {
      low = Math.min(low, bars.low[i]);
      high = Math.max(high, bars.high[i]);
    }
    const margin = (high - low) * 0.1;
    for (const box of model.boxes) {
      expect(box.fromTime).toBeGreaterThanOrEqual(start);
      expect(box.bottom <= high + margin && box.top >= low - margin).toBe(true);
    }
  });
});
