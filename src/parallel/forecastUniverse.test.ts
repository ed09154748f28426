import { describe, expect, it } from 'vitest';
import { randomWalkBars } from '../../test/randomWalk.js';
import { forecastSymbol } from '../forecast/forecastSymbol.js';
import { forecastUniverse } from './forecastUniverse.js';

const universe = Array.from({ length: 9 }, (_, k) => ({ symbol: `S${k}`, closes: randomWalkBars(160 + 10 * k, 40 + k).close }));
const settings = { horizon: 3, validationWindow: 4 };

describe('forecastUniverse', () => {
  it('gives every symbol, in input order, what forecastSymbol gives it, on this thread and on two workers alike', async () => {
    const progress: number[] = [];
    const here = await forecastUniverse(universe, { settings, threads: 0, onProgress: (done) => progress.push(done) });
    const workers = await forecastUniverse(universe, { settings, threads: 2 });
    expect(here.forecasts.map((forecast) => forecast.symbol)).toEqual(universe.map((series) => series.symbol));
    expect(workers.forecasts).toEqual(here.forecasts);
    expect(workers.states).toEqual(here.states);
    expect(here.forecasts[4]).toEqual(forecastSymbol('S4', universe[4].closes, settings).forecast);
    expect(progress.at(-1)).toBe(9);
  }, 60_000);

  it('passes each symbol its state from the last run (a warm refit fits only the newest history)', async () => {
    const first = await forecastUniverse(universe.map((series) => ({ ...series, closes: series.closes.subarray(0, series.closes.length - 1) })), { settings, threads: 0 });
    const warm = await forecastUniverse(universe.map((series, k) => ({ ...series, state: first.states[k] })), { settings, threads: 2 });
    expect(warm.forecasts.every((forecast) => forecast.fits === 4)).toBe(true);
  }, 60_000);
});
