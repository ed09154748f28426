import { describe, expect, it } from 'vitest';
import { selectionSeries } from '../../test/fixtures/arima/orderSelectionReferences.js';
import { selectSarimaxOrder } from '../forecast/arima/selectSarimaxOrder.js';
import { selectSarimaxOrderInParallel } from './selectSarimaxOrderInParallel.js';

describe('SARIMA order selection on worker threads', () => {
  const series = selectionSeries.arma11;
  const options = { maxP: 3, maxQ: 2 };

  it('gives the same candidates, scores and choice with 1 or 2 workers, and the path of the search on this thread', async () => {
    const [one, two] = await Promise.all([selectSarimaxOrderInParallel(series, { ...options, threads: 1 }), selectSarimaxOrderInParallel(series, { ...options, threads: 2 })]);
    expect(two.candidates).toEqual(one.candidates);
    expect(two.label).toBe(one.label);
    expect(two.fit.parameters).toEqual(one.fit.parameters);
    const here = selectSarimaxOrder(series, options);
    expect(one.label).toBe(here.label);
    expect(one.value).toBe(here.value);
    const onPath = one.candidates.filter((entry) => entry.onPath);
    expect(onPath.map((entry) => entry.label).sort()).toEqual(here.candidates.map((entry) => entry.label).sort());
    for (const entry of onPath) expect(entry.score).toEqual(here.candidates.find((other) => other.label === entry.label)?.score);
  }, 60_000);

  it('fits a whole grid in one batch across the workers', async () => {
    const grid = await selectSarimaxOrderInParallel(series, { mode: 'grid', maxP: 1, maxQ: 1, threads: 2 });
    expect(grid.candidates.map((entry) => entry.label)).toEqual(selectSarimaxOrder(series, { mode: 'grid', maxP: 1, maxQ: 1 }).candidates.map((entry) => entry.label));
  }, 60_000);

  it('refuses a bad thread count and bad series before starting workers', async () => {
    await expect(selectSarimaxOrderInParallel(series, { threads: 0 })).rejects.toThrow(/threads must be a whole number >= 1, got 0/);
    await expect(selectSarimaxOrderInParallel([1, 2, 3], { threads: 2 })).rejects.toThrow(/at least 10 observations/);
  });
});
