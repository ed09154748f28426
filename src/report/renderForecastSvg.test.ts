import { describe, expect, it } from 'vitest';
import { renderForecastHtml } from './renderForecastHtml.js';
import { renderForecastSvg, type ForecastChartData } from './renderForecastSvg.js';

function data(overrides: Partial<ForecastChartData> = {}): ForecastChartData {
  return {
    title: 'AirPassengers, log',
    subtitle: 'ARIMA(0,1,1)(0,1,1,12)',
    history: Float64Array.from({ length: 30 }, (_, i) => 100 + i),
    mean: Float64Array.of(130, 131, 132),
    lower: Float64Array.of(128, 128, 127),
    upper: Float64Array.of(132, 134, 137),
    intervalLabel: '95% interval',
    ...overrides,
  };
}

describe('renderForecastSvg', () => {
  it('draws the history, a dashed forecast from the last observation and a band between the bounds', () => {
    const svg = renderForecastSvg(data(), { width: 600, height: 300 });
    expect(svg).toContain('data-series="history"');
    expect(svg).toContain('stroke-dasharray');
    const band = /<path d="([^"]+)"[^>]*data-series="interval"/.exec(svg)![1];
    // Anchor, three upper points, three lower points back, closed.
    expect(band.match(/[ML]/g)!.length).toBe(7);
    expect(band.endsWith('Z')).toBe(true);
    const forecast = /<path d="([^"]+)"[^>]*data-series="forecast"/.exec(svg)![1];
    const history = /<path d="([^"]+)"[^>]*data-series="history"/.exec(svg)![1];
    // The forecast starts where the history ends.
    expect(forecast.split('L')[0].slice(1)).toBe(history.split('L').at(-1));
    // Observation numbers on the axis without times: 1 .. 33.
    expect(svg).toContain('>1</text>');
    expect(svg).toContain('>33</text>');
  });

  it('labels dates when the series has times, and escapes the title in the page', () => {
    const day = 86_400_000;
    const svg = renderForecastSvg(data({ historyTimes: Float64Array.from({ length: 30 }, (_, i) => Date.UTC(2024, 0, 1) + i * day), forecastTimes: Float64Array.of(Date.UTC(2024, 0, 31), Date.UTC(2024, 1, 1), Date.UTC(2024, 1, 2)) }));
    expect(svg).toContain('2024-01-01');
    expect(svg).toContain('2024-02-02');
    const html = renderForecastHtml(data({ title: 'a <b> & c' }), 'step  mean\n1  130');
    expect(html).toContain('a &lt;b&gt; &amp; c');
    expect(html).toContain('<pre>step  mean');
  });

  it('refuses mismatched arrays', () => {
    expect(() => renderForecastSvg(data({ lower: Float64Array.of(1) }))).toThrow(/equal-length mean, lower and upper/);
  });
});
