import { describe, expect, it } from 'vitest';
import { chartModel } from './ChartModel.js';
import { escapeXml, priceTicks, renderSvgChart } from './renderSvgChart.js';

const day = 86_400_000;
const candles = {
  time: Float64Array.from([0, 1, 2, 3], (i) => i * day),
  open: Float64Array.from([10, 11, 12, 11]),
  high: Float64Array.from([11.5, 12.5, 12.6, 11.2]),
  low: Float64Array.from([9.5, 10.8, 11.1, 9.9]),
  close: Float64Array.from([11, 12, 11.2, 10]),
};

describe('renderSvgChart', () => {
  it('draws one wick and one body per candle, up candles green and down ones red, and the title escaped', () => {
    const svg = renderSvgChart(chartModel('A & B <1d>', candles), { width: 400, height: 200 });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"')).toBe(true);
    expect(svg).toContain('A &amp; B &lt;1d&gt;');
    expect(svg.match(/<line x1="[\d.]+" x2="[\d.]+" y1="[\d.]+" y2="[\d.]+" stroke="#26a69a"\/>/g)).toHaveLength(2);
    expect(svg.match(/<line x1="[\d.]+" x2="[\d.]+" y1="[\d.]+" y2="[\d.]+" stroke="#ef5350"\/>/g)).toHaveLength(2);
  });

  it('places a box from its first to its last bar, a segment, a marker with its text, and skips NaN line points', () => {
    const model = chartModel('t', candles);
    model.boxes.push({ fromTime: day, toTime: 2 * day, top: 12, bottom: 11, color: 'rgba(1, 2, 3, 0.5)', label: 'OB' });
    model.segments.push({ fromTime: 0, toTime: 3 * day, price: 10.5, color: '#123456', dashed: true, label: 'BOS' });
    model.markers.push({ time: 2 * day, position: 'above', shape: 'arrowDown', color: '#654321', text: 'sell' });
    model.lines.push({ label: 'sma', color: '#0000ff', values: Float64Array.from([NaN, 11, 11.5, 11]) });
    const svg = renderSvgChart(model, { width: 472, height: 264 });
    // Plot width 472 - 12 - 72 = 388 over 4 bars: 97 px per bar; the box covers bars 1 and 2 whole.
    expect(svg).toMatch(/<rect x="109\.0" y="[\d.]+" width="194\.0" height="[\d.]+" fill="rgba\(1, 2, 3, 0\.5\)"\/>/);
    expect(svg).toMatch(/stroke="#123456" stroke-width="1.2" stroke-dasharray="5,4"\/>/);
    expect(svg).toContain('>sell</text>');
    expect(svg).toMatch(/<path d="M157\.5,[\d.]+L254\.5,[\d.]+L351\.5,[\d.]+" fill="none" stroke="#0000ff"/);
  });

  it('chooses round price ticks', () => {
    expect(priceTicks(9.3, 12.7)).toEqual([9.5, 10, 10.5, 11, 11.5, 12, 12.5]);
    expect(priceTicks(0, 800)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800]);
  });

  it('escapes every XML special character', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
