import { describe, expect, it } from 'vitest';
import { selectionKpss, selectionSeries, statsmodelsCriteria, statsmodelsSeasonalCriteria } from '../../../test/fixtures/arima/orderSelectionReferences.js';
import { nsdiffsReferences, ocsbReferences, ocsbSeries } from '../../../test/fixtures/diagnostics/ocsbReferences.js';
import { fitSarimax } from './fitSarimax.js';
import { candidateKey, candidateLabel, runOrderSearchSync, stepwiseOrderSearch, type CandidateScore, type SarimaxCandidate } from './sarimaxOrderSearch.js';
import { scoreSarimaxCandidate } from './scoreSarimaxCandidate.js';
import { prepareOrderSelection, selectSarimaxOrder, selectSarimaxOrderWith } from './selectSarimaxOrder.js';

const relative = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.abs(expected);

/** statsmodels' criteria of a candidate from the fixture, if the grid holds it. */
function reference(series: string, candidate: SarimaxCandidate): { aic: number; bic: number; hqic: number } | undefined {
  const [p, d, q] = candidate.order;
  const row = statsmodelsCriteria[series].find((entry) => entry[0] === p && entry[1] === d && entry[2] === q && entry[3] === candidate.trend);
  return row === undefined ? undefined : { aic: row[4], bic: row[5], hqic: row[6] };
}

describe('selectSarimaxOrder on a simulated ARMA(1,1)', () => {
  const series = selectionSeries.arma11;
  const result = selectSarimaxOrder(series);

  it('keeps the level (d = 0 by KPSS, as statsmodels) and finds (1,0,1) or a neighbour with a lower AIC', () => {
    expect(result.differencing.d).toBe(0);
    expect(result.differencing.tests).toHaveLength(1);
    expect(relative(result.differencing.tests[0].statistic, selectionKpss.arma11[0][1])).toBeLessThan(1e-12);
    const armaOneOne = result.candidates.find((entry) => entry.label === 'arima(1,0,1)+c');
    expect(armaOneOne?.onPath).toBe(true);
    const [p, , q] = result.order;
    expect(Math.abs(p - 1) <= 1 && Math.abs(q - 1) <= 1).toBe(true);
    expect(result.value).toBeLessThanOrEqual(armaOneOne?.criterion as number);
    // On this sample the AR(2) approximation beats the true ARMA(1,1) by AIC, in statsmodels as here.
    expect(result.label).toBe('arima(2,0,0)+c');
  });

  it("has statsmodels' AIC for the chosen order and for every candidate on the path", () => {
    const chosen = reference('arma11', { order: result.order, seasonalOrder: result.seasonalOrder, trend: result.trend });
    expect(relative(result.value, chosen?.aic as number)).toBeLessThan(1e-8);
    expect(relative(result.fit.aic, chosen?.aic as number)).toBeLessThan(1e-8);
    for (const entry of result.candidates) {
      const expected = reference('arma11', entry.candidate);
      expect(entry.score.ok).toBe(true);
      if (entry.score.ok && expected) {
        expect(relative(entry.score.aic, expected.aic)).toBeLessThan(1e-7);
        expect(relative(entry.score.bic, expected.bic)).toBeLessThan(1e-7);
        expect(relative(entry.score.hqic, expected.hqic)).toBeLessThan(1e-7);
      }
    }
  });

  it("chooses what the same stepwise search chooses on statsmodels' own criteria", () => {
    const prepared = prepareOrderSelection(series, {}, 'single');
    const statsmodelsScore = (candidate: SarimaxCandidate): CandidateScore => {
      const expected = reference('arma11', candidate);
      return expected ? { ok: true, ...expected, logLikelihood: NaN, warnings: [] } : { ok: false, reason: 'error', message: `${candidateLabel(candidate)} is not in the fixture` };
    };
    const emulated = runOrderSearchSync(stepwiseOrderSearch(prepared.space), (batch) => batch.map(statsmodelsScore));
    expect(emulated.chosen?.label).toBe(result.label);
    expect(emulated.candidates.map((entry) => entry.label)).toEqual(result.candidates.map((entry) => entry.label));
  });

  it('scores a whole neighbourhood per batch through an asynchronous evaluator with the same path and choice', async () => {
    const batchSizes: number[] = [];
    const viaEvaluator = await selectSarimaxOrderWith(series, {}, async (batch, context) => {
      batchSizes.push(batch.length);
      expect(context.series).toEqual(Float64Array.from(series));
      return batch.map((candidate) => scoreSarimaxCandidate(context.series, candidate, fitSarimax, context.fitOptions, context.scoring).score);
    });
    expect(viaEvaluator.label).toBe(result.label);
    expect(viaEvaluator.value).toBe(result.value);
    expect(viaEvaluator.fit.parameters).toEqual(result.fit.parameters);
    const onPath = viaEvaluator.candidates.filter((entry) => entry.onPath).map((entry) => candidateKey(entry.candidate));
    expect(onPath.sort()).toEqual(result.candidates.map((entry) => candidateKey(entry.candidate)).sort());
    expect(batchSizes[0]).toBe(5);
    expect(batchSizes.length).toBeLessThan(result.candidates.length);
  });
});

describe('selectSarimaxOrder on a random walk with drift', () => {
  it('differences once by KPSS (statsmodels statistics) and tries the drift both ways', () => {
    const result = selectSarimaxOrder(selectionSeries.driftingWalk);
    expect(result.differencing).toMatchObject({ d: 1, seasonalD: 0, chosenByTest: true });
    result.differencing.tests.forEach((test, k) => {
      expect(test.differences).toBe(k);
      expect(relative(test.statistic, selectionKpss.driftingWalk[k][1])).toBeLessThan(1e-12);
      expect(test.pValue).toBe(selectionKpss.driftingWalk[k][2]);
    });
    expect(result.label).toBe('arima(1,1,0)');
    expect(relative(result.value, reference('driftingWalk', result)?.aic as number)).toBeLessThan(1e-8);
    expect(result.candidates.some((entry) => entry.candidate.trend === 'c')).toBe(true);
    // R's rule refuses a fit with an MA root within 1.01 of the unit circle, and says so.
    const refused = result.candidates.filter((entry) => !entry.score.ok);
    for (const entry of refused) expect(entry.score.ok ? '' : entry.score.reason).toMatch(/non-invertible|non-stationary|not-converged/);
    if (refused.length > 0) expect(result.warnings.join('\n')).toMatch(/did not compete/);
  });

  it('has no constant when d + D >= 2, and takes d as given', () => {
    const result = selectSarimaxOrder(selectionSeries.driftingWalk, { d: 2, maxP: 1, maxQ: 1 });
    expect(result.differencing).toMatchObject({ d: 2, chosenByTest: false, tests: [] });
    expect(result.candidates.every((entry) => entry.candidate.trend === 'n' && entry.candidate.order[1] === 2)).toBe(true);
  });
});

describe('selectSarimaxOrder on a seasonal random walk', () => {
  it('takes one seasonal difference by OCSB (as R nsdiffs) and matches statsmodels on every competing seasonal candidate', () => {
    const { period, values } = ocsbSeries.seasonalWalk;
    const result = selectSarimaxOrder(values, { period });
    expect(result.differencing).toMatchObject({ seasonalD: nsdiffsReferences.seasonalWalk[0], seasonalChosenByTest: true, d: 0 });
    const rAic = ocsbReferences.seasonalWalk.find(([method, maxLag]) => method === 'AIC' && maxLag === 3);
    expect(Math.abs((result.differencing.seasonalTests[0]?.statistic as number) - (rAic?.[2] as number))).toBeLessThan(1e-9);
    expect(result.label).toBe('sarima(0,0,0)(0,1,0,4)');
    const competing = result.candidates.filter((entry) => entry.score.ok);
    expect(competing.length).toBe(statsmodelsSeasonalCriteria.length);
    for (const entry of competing) {
      const [p, , q] = entry.candidate.order;
      const [P, D, Q, s] = entry.candidate.seasonalOrder;
      const row = statsmodelsSeasonalCriteria.find((r) => r[0] === p && r[2] === q && r[3] === P && r[4] === D && r[5] === Q && r[6] === s && r[7] === entry.candidate.trend);
      expect(relative(entry.criterion as number, row?.[8] as number)).toBeLessThan(1e-7);
    }
    // Given D, no test runs.
    expect(selectSarimaxOrder(values, { period, seasonalD: 0, maxP: 1, maxQ: 1, maxSeasonalP: 1, maxSeasonalQ: 1 }).differencing).toMatchObject({ seasonalD: 0, seasonalChosenByTest: false, seasonalTests: [] });
  });
});

describe('grid selection', () => {
  it("picks the lowest BIC of the grid, statsmodels' choice", () => {
    const result = selectSarimaxOrder(selectionSeries.arma11, { mode: 'grid', criterion: 'bic', maxP: 2, maxQ: 2, d: 0 });
    expect(result.candidates).toHaveLength(18);
    const competing = result.candidates.filter((entry) => entry.score.ok).map((entry) => ({ label: entry.label, bic: reference('arma11', entry.candidate)?.bic as number }));
    const best = competing.reduce((a, b) => (b.bic < a.bic ? b : a));
    expect(result.label).toBe(best.label);
    expect(relative(result.value, best.bic)).toBeLessThan(1e-8);
  });
});

describe('selectSarimaxOrder refuses what it cannot use', () => {
  it('names the problem', () => {
    expect(() => selectSarimaxOrder([1, 2, NaN, 4, 5, 6, 7, 8, 9, 10, 11, 12])).toThrow(/value 2 is NaN/);
    expect(() => selectSarimaxOrder(new Array(20).fill(3))).toThrow(/constant/);
    expect(() => selectSarimaxOrder([1, 3, 2, 5, 4, 6, 5, 8])).toThrow(/at least 10 observations/);
    expect(() => selectSarimaxOrder(selectionSeries.arma11, { maxP: -1 })).toThrow(/maxP must be a whole number >= 0/);
    expect(() => selectSarimaxOrder(selectionSeries.arma11, { criterion: 'aicc' as 'aic' })).toThrow(/criterion must be one of 'aic', 'bic', 'hqic'/);
    expect(() => selectSarimaxOrder(selectionSeries.arma11, { seasonalD: 1 })).toThrow(/needs a seasonal period/);
  });

  it('throws TF_ERR_FORECAST_NO_MODEL with the reasons when no candidate competes', async () => {
    const failing = selectSarimaxOrderWith(selectionSeries.arma11, { d: 0 }, async (batch) => batch.map((): CandidateScore => ({ ok: false, reason: 'not-converged', message: 'stopped short' })));
    await expect(failing).rejects.toMatchObject({ code: 'TF_ERR_FORECAST_NO_MODEL' });
    await expect(failing).rejects.toThrow(/could not fit any of its 14 candidates; first reasons: arima\(2,0,2\)\+c: not-converged \(stopped short\)/);
  });

  it('lists unconverged fits as such, and keeps the model without parameters', () => {
    const result = selectSarimaxOrder(selectionSeries.arma11, { fit: { maxIterations: 1 } });
    expect(result.label).toBe('arima(0,0,0)');
    expect(result.candidates.filter((entry) => !entry.score.ok).every((entry) => !entry.score.ok && entry.score.reason === 'not-converged')).toBe(true);
    expect(result.warnings.join('\n')).toMatch(/7 of 8 candidates did not compete/);
  });
});
