import { describe, expect, it } from 'vitest';
import { randomWalkBars } from '../../test/randomWalk.js';
import type { Signal } from '../strategy/Signal.js';
import { renderHtmlChart } from './renderHtmlChart.js';
import { signalsChart } from './signalsChart.js';

const bars = randomWalkBars(50, 3, 'XYZ');
const signal = (index: number, kind: 'entry' | 'exit', side: 'long' | 'short', extra: Partial<Signal> = {}): Signal => ({
  strategy: 's', symbol: 'XYZ', index, time: bars.time[index], kind, side, reason: 'r', ...extra,
});

describe('signalsChart', () => {
  const signals = [signal(5, 'entry', 'long', { stopLoss: 90, takeProfit: 120, tag: 'go' }), signal(20, 'exit', 'long'), signal(30, 'entry', 'short', { stopLoss: 130 })];

  it('marks entries with arrows on their side, exits with squares, and draws stops and targets until the exit', () => {
    const model = signalsChart(bars, signals, { lines: new Map([['sma', new Float64Array(50).fill(100)]]) });
    expect(model.title).toBe('XYZ 1d: s signals');
    expect(model.markers.map((m) => [m.time, m.shape, m.position, m.text])).toEqual([
      [bars.time[5], 'arrowUp', 'below', 'go'],
      [bars.time[20], 'square', 'above', 'exit long'],
      [bars.time[30], 'arrowDown', 'above', 'short'],
    ]);
    expect(model.segments.map((s) => [s.label, s.price, s.fromTime, s.toTime])).toEqual([
      ['stop', 90, bars.time[5], bars.time[20]],
      ['target', 120, bars.time[5], bars.time[20]],
      ['stop', 130, bars.time[30], bars.time[49]],
    ]);
    expect(model.lines.map((l) => l.label)).toEqual(['sma']);
  });

  it('keeps only the last bars when asked', () => {
    const model = signalsChart(bars, signals, { lastBars: 25 });
    expect(model.candles.time.length).toBe(25);
    expect(model.markers.map((m) => m.time)).toEqual([bars.time[30]]);
  });

  it('renders an offline page whose inlined data cannot close the script element', () => {
    const model = signalsChart(bars, [signal(5, 'entry', 'long', { tag: '</script><b>' })]);
    const page = renderHtmlChart(model, { library: 'window.LightweightCharts = {};' });
    expect(page).toContain('window.LightweightCharts = {};');
    expect(page).not.toContain('</script><b>');
    expect(page).toContain('<\\/script><b>');
    expect(page.match(/"time":\d+,"open"/g)).toHaveLength(50);
  });
});
