import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../core/Random.js';
import { TickforgeError } from '../../core/errors.js';
import type { ForecastModel } from '../ForecastModel.js';
import { driftModel } from './driftModel.js';
import { ensembleModel } from './ensembleModel.js';
import { inverseMseWeights } from './ensembleWeights.js';
import { meanModel } from './meanModel.js';
import { naiveModel } from './naiveModel.js';
import { rollingOriginBacktest } from './rollingOriginBacktest.js';
import { seasonalNaiveModel } from './seasonalNaiveModel.js';

/** Always forecasts `value` with standard error `se`, and records every history length it saw. */
function fixed(name: string, value: number, se: number, seen: number[] = []): ForecastModel {
  return {
    name,
    minimumObservations: () => 1,
    forecast: (history, horizon) => {
      seen.push(history.length);
      return { mean: new Float64Array(horizon).fill(value), standardError: new Float64Array(horizon).fill(se), warnings: [] };
    },
  };
}

/** Forecasts f(last value) at every step. */
function ofLast(name: string, f: (last: number) => number): ForecastModel {
  return {
    name,
    minimumObservations: () => 1,
    forecast: (history, horizon) => ({ mean: new Float64Array(horizon).fill(f(history[history.length - 1])), standardError: new Float64Array(horizon).fill(NaN), warnings: [] }),
  };
}

describe('ensembleModel', () => {
  it('inverse-MSE weights, contributions and mixture standard error, worked by hand for two fixed forecasts', () => {
    // Validation targets (last 3 values): 11, 11, 13. A = 10 errs 1, 1, 3 (MSE 11/3); B = 12 errs -1, -1, 1 (MSE 1).
    // Weights (3/11) / (3/11 + 1) = 3/14 and 11/14; mean (3 * 10 + 11 * 12) / 14 = 81/7.
    const seenA: number[] = [];
    const ensemble = ensembleModel([fixed('A', 10, 1, seenA), fixed('B', 12, 2)], { validationWindow: 3 });
    const result = ensemble.forecastWithContributions(Float64Array.of(0, 0, 0, 0, 11, 11, 13), 2);
    const [a, b] = result.members;
    expect(a.validationMse).toBeCloseTo(11 / 3, 14);
    expect(b.validationMse).toBeCloseTo(1, 14);
    expect(a.weight).toBeCloseTo(3 / 14, 14);
    expect(b.weight).toBeCloseTo(11 / 14, 14);
    expect(Array.from(a.contribution)).toEqual([a.weight * 10, a.weight * 10]);
    expect(result.mean[0]).toBeCloseTo(81 / 7, 13);
    expect(result.mean[1]).toBeCloseTo(a.contribution[1] + b.contribution[1], 14);
    // Mixture variance: 3/14 (1 + (10 - 81/7)^2) + 11/14 (4 + (12 - 81/7)^2) = 2765/686.
    expect(result.standardError[0]).toBeCloseTo(Math.sqrt(2765 / 686), 13);
    expect(result.validation).toEqual({ origins: 3, horizon: 1, pairs: 3 });
    // Validation fits on 4, 5, 6 observations (data up to each origin), then the whole history.
    expect(seenA).toEqual([4, 5, 6, 7]);
    expect(ensemble.forecast(Float64Array.of(0, 0, 0, 0, 11, 11, 13), 2).mean).toEqual(result.mean);
    expect(ensemble.minimumObservations()).toBe(4);
    expect(ensemble.name).toBe('ensemble-inverse-mse(A,B)');
  });

  it('inverse-MSE helper: weights proportional to 1/MSE; perfect members share all the weight', () => {
    expect(Array.from(inverseMseWeights([1, 2, 4])).map((w) => w * 7)).toEqual([4, 2, 1].map((v) => expect.closeTo(v, 13)));
    expect(Array.from(inverseMseWeights([0, 3, 0]))).toEqual([0.5, 0, 0.5]);
  });

  it('validation with a multi-step horizon pools every pair whose target lies in the history', () => {
    const result = ensembleModel([fixed('A', 10, 1), fixed('B', 12, 1)], { validationWindow: 3, horizon: 2 }).forecastWithContributions(Float64Array.of(0, 0, 0, 0, 11, 11, 13), 1);
    // Origins 3, 4, 5: pairs (3: 11, 11), (4: 11, 13), (5: 13) -> A errors 1, 1, 1, 3, 3 -> MSE 21/5.
    expect(result.validation).toEqual({ origins: 3, horizon: 2, pairs: 5 });
    expect(result.members[0].validationMse).toBeCloseTo(21 / 5, 14);
  });

  it('stacking recovers the weights when the actuals are an exact non-negative mix of the members', () => {
    // On a line of slope 3, y_{t+1} = 0.25 y_t + 0.75 (y_t + 4); a third member y^2/100 is not needed and gets 0.
    const line = Float64Array.from({ length: 30 }, (_, t) => 50 + 3 * t);
    const members = [ofLast('level', (y) => y), ofLast('level+4', (y) => y + 4), ofLast('square', (y) => (y * y) / 100)];
    const result = ensembleModel(members, { weighting: 'stacking', validationWindow: 10 }).forecastWithContributions(line, 3);
    expect(result.members[0].weight).toBeCloseTo(0.25, 9);
    expect(result.members[1].weight).toBeCloseTo(0.75, 9);
    expect(result.members[2].weight).toBeCloseTo(0, 9);
    expect(result.members.reduce((sum, member) => sum + member.weight, 0)).toBeCloseTo(1, 14);
    expect(result.mean[0]).toBeCloseTo(line[29] + 3, 7);
    expect(result.warnings).toContain('a member with positive weight gives no standard error at some steps, so the ensemble standard error is NaN there');
  });

  it('stacking falls back to equal weights, with a warning, when no member moves with the actuals', () => {
    const history = Float64Array.from({ length: 20 }, (_, t) => t);
    const result = ensembleModel([fixed('low', -5, 1), fixed('lower', -9, 1)], { weighting: 'stacking', validationWindow: 5 }).forecastWithContributions(history, 1);
    expect(result.members.map((member) => member.weight)).toEqual([0.5, 0.5]);
    expect(result.warnings.join('\n')).toMatch(/every non-negative least-squares coefficient is 0/);
  });

  it('equal weighting needs no validation window', () => {
    const result = ensembleModel([fixed('A', 10, 1), fixed('B', 12, 1)], { weighting: 'equal' }).forecastWithContributions(Float64Array.of(1, 2), 1);
    expect(result.mean[0]).toBe(11);
    expect(Number.isNaN(result.members[0].validationMse)).toBe(true);
    expect(result.validation.pairs).toBe(0);
  });

  it('excludes a member that throws a TickforgeError, with a warning, and reweights the others', () => {
    const failing: ForecastModel = {
      name: 'failing',
      minimumObservations: () => 1,
      forecast: (history) => {
        if (history.length > 5) throw new TickforgeError('TF_ERR_FORECAST_SERIES_CONSTANT', 'failing: cannot fit this history.');
        return { mean: Float64Array.of(0), standardError: Float64Array.of(1), warnings: [] };
      },
    };
    const result = ensembleModel([failing, fixed('A', 10, 1), fixed('B', 12, 1)], { validationWindow: 3 }).forecastWithContributions(Float64Array.of(0, 0, 0, 0, 11, 11, 13), 1);
    expect(result.excluded).toEqual([{ name: 'failing', code: 'TF_ERR_FORECAST_SERIES_CONSTANT', reason: expect.stringMatching(/failed at 1 of 3 validation origins \(first, at index 5: failing: cannot fit/) }]);
    expect(result.warnings[0]).toMatch(/^member failing excluded/);
    expect(result.members.map((member) => member.name)).toEqual(['A', 'B']);
    expect(result.members[0].weight + result.members[1].weight).toBeCloseTo(1, 14);
    // A member too long for the validation window is excluded the same way.
    const needy: ForecastModel = { ...fixed('needy', 1, 1), minimumObservations: () => 6 };
    const short = ensembleModel([needy, fixed('A', 10, 1)], { validationWindow: 3 }).forecastWithContributions(Float64Array.of(0, 0, 0, 0, 11, 11, 13), 1);
    expect(short.excluded[0]).toMatchObject({ name: 'needy', code: 'TF_ERR_FORECAST_SERIES_TOO_SHORT', reason: expect.stringMatching(/9 in all with validationWindow 3; the history has 7/) });
  });

  it('throws when every member fails, naming each', () => {
    const ensemble = ensembleModel([naiveModel(), driftModel()], { validationWindow: 5 });
    expect(() => ensemble.forecast(Float64Array.of(1, 2, 3, 4, 5, 6), 1)).toThrow(
      expect.objectContaining({ code: 'TF_ERR_FORECAST_SERIES_TOO_SHORT', message: expect.stringMatching(/every member failed on this history: naive: .*; drift: /) }),
    );
    expect(ensemble.minimumObservations()).toBe(7);
    expect(() => ensemble.forecast(Float64Array.of(1, 2, NaN, 4, 5, 6, 7, 8), 1)).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_SERIES_NOT_FINITE', message: expect.stringMatching(/value 2 is NaN/) }));
    expect(() => ensemble.forecast(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8), 0)).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_OPTION' }));
  });

  it('bad options are TickforgeErrors naming the option', () => {
    expect(() => ensembleModel([], { validationWindow: 3 })).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_OPTION', message: expect.stringMatching(/member list is empty/) }));
    expect(() => ensembleModel([naiveModel(), naiveModel()], { validationWindow: 3 })).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_OPTION', message: expect.stringMatching(/two members are named 'naive'/) }));
    expect(() => ensembleModel([naiveModel()], { weighting: 'stacking' })).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_OPTION', message: expect.stringMatching(/validationWindow = NaN/) }));
    expect(() => ensembleModel([naiveModel()], { validationWindow: 0 })).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_OPTION' }));
    expect(() => ensembleModel([naiveModel()], { validationWindow: 3, horizon: 1.5 })).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_OPTION', message: expect.stringMatching(/horizon = 1.5/) }));
    expect(() => ensembleModel([naiveModel()], { weighting: 'median' as never })).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_OPTION', message: expect.stringMatching(/weighting = 'median'/) }));
  });

  it('property: the weights are a convex combination and the mean lies between the members\' means', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom<'inverse-mse' | 'stacking' | 'equal'>('inverse-mse', 'stacking', 'equal'), fc.integer({ min: 1, max: 12 }), (seed, weighting, validationWindow) => {
        const random = Random.fromSeed(seed, 'ensemble-property');
        const history = new Float64Array(40);
        history[0] = 50;
        for (let t = 1; t < 40; t++) history[t] = history[t - 1] + 0.2 + random.nextGaussian();
        const members = [naiveModel(), driftModel(), meanModel(), seasonalNaiveModel(4)];
        const result = ensembleModel(members, { weighting, validationWindow, horizon: 2 }).forecastWithContributions(history, 3);
        const weights = result.members.map((member) => member.weight);
        expect(weights.every((weight) => weight >= 0)).toBe(true);
        expect(Math.abs(weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
        for (let h = 0; h < 3; h++) {
          const means = result.members.map((member) => member.mean[h]);
          const scale = Math.max(...means.map(Math.abs));
          expect(result.mean[h]).toBeGreaterThanOrEqual(Math.min(...means) - 1e-12 * scale);
          expect(result.mean[h]).toBeLessThanOrEqual(Math.max(...means) + 1e-12 * scale);
          const contributions = result.members.reduce((sum, member) => sum + member.contribution[h], 0);
          expect(Math.abs(contributions - result.mean[h])).toBeLessThanOrEqual(1e-12 * scale);
          const smallest = Math.min(...result.members.filter((member) => member.weight > 0).map((member) => member.standardError[h]));
          expect(result.standardError[h]).toBeGreaterThanOrEqual(smallest * (1 - 1e-12));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('scored in the rolling-origin backtest beside its members', () => {
    const series = Float64Array.from({ length: 120 }, (_, t) => 100 + 0.5 * t + 3 * Math.sin(t / 3));
    const ensemble = ensembleModel([naiveModel(), driftModel()], { validationWindow: 10, horizon: 3 });
    const result = rollingOriginBacktest(series, [ensemble], { initial: 40, horizon: 3, step: 4 });
    const scored = result.models[0];
    expect(scored.failures).toEqual([]);
    // A trending series: the ensemble leans on drift and beats the random walk.
    expect(scored.overall.versusNaive.rmseRatio).toBeLessThan(1);
    const last = ensemble.forecastWithContributions(series, 3);
    expect(last.members.find((member) => member.name === 'drift')!.weight).toBeGreaterThan(0.5);
  });
});
