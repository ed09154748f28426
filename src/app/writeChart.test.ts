import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { randomWalkBars } from '../../test/randomWalk.js';
import { signalsChart } from '../report/signalsChart.js';
import { chartFormatOf, writeChart } from './writeChart.js';

const directory = mkdtempSync(join(tmpdir(), 'tickforge-chart-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const model = signalsChart(randomWalkBars(120, 5), []);

describe('writeChart', () => {
  it('renders a PNG server-side, an SVG, and an interactive page with lightweight-charts inlined', async () => {
    expect(await writeChart(model, join(directory, 'c.png'), { width: 600, height: 300 })).toBe('png');
    const png = readFileSync(join(directory, 'c.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR holds the width and height as big-endian 32-bit integers.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([600, 300]);
    await writeChart(model, join(directory, 'c.svg'));
    expect(readFileSync(join(directory, 'c.svg'), 'utf8')).toMatch(/^<svg /);
    await writeChart(model, join(directory, 'c.HTML'));
    const page = readFileSync(join(directory, 'c.HTML'), 'utf8');
    expect(page).toContain('createChart');
    expect(page).not.toMatch(/<script src=/);
  });

  it('names the path when its extension is not a chart format', () => {
    expect(() => chartFormatOf('out/chart.jpg')).toThrow(/Cannot draw a chart into "out\/chart.jpg": give a path ending in .html \(interactive\), .png or .svg/);
  });
});
