import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TickforgeError } from '../../core/errors.js';
import { Random } from '../../core/Random.js';
import type { ForecastModel } from '../ForecastModel.js';
import { driftModel } from './driftModel.js';
import { ensembleModel } from './ensembleModel.js';
import { garchMeanModel } from './garchMeanModel.js';
import { accuracyMeasures } from './forecastAccuracy.js';
import { meanModel } from './meanModel.js';
import { naiveModel } from './naiveModel.js';
import { rollingOriginBacktest } from './rollingOriginBacktest.js';

/** Forecasts last value + 1 at every step, standard error 1. */
const upOne: ForecastModel = {
  name: 'up-one',
  minimumObservations: () => 1,
  forecast: (history, horizon) => ({ mean: new Float64Array(horizon).fill(history[history.length - 1] + 1), standardError: new Float64Array(horizon).fill(1), warnings: [] }),
};

function randomWalk(length: number, seed: number, drift = 0): Float64Array {
  const random = Random.fromSeed(seed, 'backtest-walk');
  const walk = new Float64Array(length);
  walk[0] = 100;
  for (let t = 1; t < length; t++) walk[t] = walk[t - 1] + drift + random.nextGaussian();
  return walk;
}

describe('accuracy measures', () => {
  it('skips zero actuals in the MAPE and unchanged actuals in the direction; a no-change forecast is a miss', () => {
    const measures = accuracyMeasures([1, 2, 5, NaN], [0, 4, 5, 9], [1, 1, 5, 1]);
    expect(measures.count).toBe(3);
    expect(measures.mae).toBeCloseTo((1 + 2 + 0) / 3, 14);
    expect(measures.rmse).toBeCloseTo(Math.sqrt((1 + 4) / 3), 14);
    expect(measures.mapeCount).toBe(2);
    expect(measures.mape).toBeCloseTo((100 * (2 / 4 + 0)) / 2, 12);
    // Pair 1: actual falls, forecast flat -> miss; pair 2: both rise -> hit; pair 3: actual flat -> left out.
    expect(measures.directionalCount).toBe(2);
    expect(measures.directionalAccuracy).toBe(0.5);
  });
});

describe('rollingOriginBacktest', () => {
  it('reproduces hand-computed accuracy on a tiny series', () => {
    // Origins 2 and 3 (initial 3, horizon 2). up-one forecasts 12, 12 then 14, 14; actuals 13, 12 then 12, 14.
    const result = rollingOriginBacktest([10, 12, 11, 13, 12, 14], [upOne], { initial: 3, horizon: 2 });
    expect(Array.from(result.origins)).toEqual([2, 3]);
    expect(Array.from(result.actuals)).toEqual([13, 12, 12, 14]);
    const model = result.models[0];
    expect(Array.from(model.forecasts)).toEqual([12, 12, 14, 14]);
    const [step1, step2] = model.byHorizon;
    // Step 1: errors 1, -2.
    expect(step1.count).toBe(2);
    expect(step1.mae).toBeCloseTo(1.5, 14);
    expect(step1.rmse).toBeCloseTo(Math.sqrt(2.5), 14);
    expect(step1.mape).toBeCloseTo((100 * (1 / 13 + 2 / 12)) / 2, 12);
    expect(step1.directionalAccuracy).toBe(0.5);
    // Naive: 11 and 13, errors 2, -1 -> the same RMSE and MAE: Theil's U = 1.
    expect(step1.versusNaive.rmseRatio).toBeCloseTo(1, 14);
    expect(step1.versusNaive.maeRatio).toBeCloseTo(1, 14);
    // Drift: b = 0.5 from [10, 12, 11] -> 11.5; b = 1 from [10, 12, 11, 13] -> 14; errors 1.5, -2.
    expect(Array.from(result.drift.forecasts)).toEqual([11.5, 12, 14, 15]);
    expect(step1.versusDrift.rmseRatio).toBeCloseTo(Math.sqrt(2.5 / 3.125), 14);
    // Step 2: errors 0, 0; both forecasts rise, as do both actuals.
    expect(step2.rmse).toBe(0);
    expect(step2.mape).toBe(0);
    expect(step2.directionalAccuracy).toBe(1);
    expect(step2.versusNaive.rmseRatio).toBe(0);
    // Pooled: errors 1, 0, -2, 0.
    expect(model.overall.count).toBe(4);
    expect(model.overall.mae).toBeCloseTo(0.75, 14);
    expect(model.overall.rmse).toBeCloseTo(Math.sqrt(5 / 4), 14);
    expect(model.overall.mape).toBeCloseTo((100 * (1 / 13 + 2 / 12)) / 4, 12);
    expect(model.overall.directionalAccuracy).toBe(0.75);
    // The naive baseline never calls a direction.
    expect(result.naive.overall.directionalAccuracy).toBe(0);
    expect(model.failures).toEqual([]);
  });

  it('step and rolling window: origins every `step`, each window the last `initial` observations', () => {
    const seen: number[][] = [];
    const spy: ForecastModel = { ...upOne, name: 'spy', forecast: (history, horizon) => (seen.push(Array.from(history)), upOne.forecast(history, horizon)) };
    const series = Array.from({ length: 12 }, (_, i) => i * i);
    const result = rollingOriginBacktest(series, [spy], { initial: 4, horizon: 3, step: 2, window: 'rolling' });
    expect(Array.from(result.origins)).toEqual([3, 5, 7]);
    expect(seen).toEqual([series.slice(0, 4), series.slice(2, 6), series.slice(4, 8)]);
    const expanding = rollingOriginBacktest(series, [spy], { initial: 4, horizon: 3, step: 2 });
    expect(expanding.window).toBe('expanding');
    expect(seen.slice(3)).toEqual([series.slice(0, 4), series.slice(0, 6), series.slice(0, 8)]);
  });

  it('on a seeded random walk the naive skill is 1 and the drift is close to it', () => {
    const walk = randomWalk(400, 17);
    const result = rollingOriginBacktest(walk, [naiveModel(), driftModel()], { initial: 100, horizon: 5, step: 3 });
    const [naive, drift] = result.models;
    for (const step of naive.byHorizon) {
      expect(step.versusNaive.rmseRatio).toBe(1);
      expect(step.count).toBe(result.origins.length);
    }
    for (const step of drift.byHorizon) {
      expect(step.versusNaive.rmseRatio).toBeGreaterThan(0.95);
      expect(step.versusNaive.rmseRatio).toBeLessThan(1.08);
      expect(step.versusDrift.rmseRatio).toBe(1);
    }
    // Errors grow like sqrt(h) for a random walk: RMSE at step 5 well above step 1.
    expect(naive.byHorizon[4].rmse).toBeGreaterThan(1.6 * naive.byHorizon[0].rmse);
  });

  it('with a strong drift, the drift model beats the random walk', () => {
    const result = rollingOriginBacktest(randomWalk(300, 5, 0.8), [driftModel()], { initial: 60, horizon: 10, step: 5 });
    expect(result.models[0].byHorizon[9].versusNaive.rmseRatio).toBeLessThan(0.7);
    expect(result.models[0].overall.directionalAccuracy).toBeGreaterThan(result.naive.overall.directionalAccuracy);
  });

  it('property: no look-ahead: changing the series after a cut leaves every forecast from origins before it unchanged', () => {
    const lengths = new Set<number>();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 9, max: 58 }), fc.constantFrom<'expanding' | 'rolling'>('expanding', 'rolling'), (seed, otherSeed, cut, window) => {
        const series = randomWalk(60, seed);
        const other = randomWalk(60, otherSeed === seed ? seed + 1 : otherSeed);
        const spliced = Float64Array.from(series, (value, i) => (i > cut ? other[i] + 0.5 : value));
        // A spy that checks each history is exactly the series up to its origin.
        const spy = (source: Float64Array): ForecastModel => ({
          name: 'spy',
          minimumObservations: () => 1,
          forecast(history, horizon) {
            // The history is a contiguous run of the series (values of a Gaussian walk are distinct).
            const start = source.indexOf(history[0]);
            expect(start).toBeGreaterThanOrEqual(0);
            history.forEach((value, i) => expect(value).toBe(source[start + i]));
            lengths.add(history.length);
            const last = history[history.length - 1];
            let sum = 0;
            for (const value of history) sum += value;
            return { mean: new Float64Array(horizon).fill(sum / history.length + last), standardError: new Float64Array(horizon).fill(NaN), warnings: [] };
          },
        });
        const models = (source: Float64Array): ForecastModel[] => [
          spy(source),
          meanModel(),
          ensembleModel([naiveModel(), driftModel(), meanModel()], { weighting: 'inverse-mse', validationWindow: 4, horizon: 2 }),
          ensembleModel([naiveModel(), driftModel()], { weighting: 'stacking', validationWindow: 5, name: 'stack' }),
        ];
        const options = { initial: 8, horizon: 3, step: 2, window };
        const before = rollingOriginBacktest(series, models(series), options);
        const after = rollingOriginBacktest(spliced, models(spliced), options);
        const rowsBefore = before.origins.filter((origin) => origin <= cut).length;
        expect(rowsBefore).toBeGreaterThan(0);
        for (const [index, model] of before.models.entries()) {
          for (let i = 0; i < rowsBefore * options.horizon; i++) {
            expect(Object.is(model.forecasts[i], after.models[index].forecasts[i]), `${model.name} forecast ${i} (cut ${cut})`).toBe(true);
          }
        }
        for (let i = 0; i < rowsBefore * options.horizon; i++) {
          expect(before.naive.forecasts[i]).toBe(after.naive.forecasts[i]);
          expect(before.drift.forecasts[i]).toBe(after.drift.forecasts[i]);
        }
      }),
      { numRuns: 40 },
    );
    expect(lengths.size).toBeGreaterThan(1);
  });

  it('no look-ahead with a warm-started GARCH adapter: a changed future leaves earlier forecasts unchanged', () => {
    const random = Random.fromSeed(8, 'garch-backtest');
    const returns = Float64Array.from({ length: 120 }, () => random.nextStudentT(6) * 0.8 + 0.02);
    const spliced = Float64Array.from(returns, (value, i) => (i > 106 ? -3 * value : value));
    const options = { initial: 100, horizon: 2, step: 5 };
    const before = rollingOriginBacktest(returns, [garchMeanModel()], options);
    const after = rollingOriginBacktest(spliced, [garchMeanModel()], options);
    expect(Array.from(before.origins)).toEqual([99, 104, 109, 114]);
    expect(Array.from(after.models[0].forecasts.subarray(0, 4))).toEqual(Array.from(before.models[0].forecasts.subarray(0, 4)));
    expect(Array.from(after.models[0].standardErrors.subarray(0, 4))).toEqual(Array.from(before.models[0].standardErrors.subarray(0, 4)));
    expect(after.models[0].forecasts[4]).not.toBe(before.models[0].forecasts[4]);
  });

  it('records a model\'s TickforgeErrors per origin, scores the rest, and reports progress', () => {
    const picky: ForecastModel = {
      name: 'picky',
      minimumObservations: () => 6,
      forecast(history, horizon) {
        if (history.length < 6) throw new TickforgeError('TF_ERR_FORECAST_SERIES_TOO_SHORT', `picky needs 6 observations; the history has ${history.length}.`);
        return { mean: new Float64Array(horizon).fill(history[history.length - 1]), standardError: new Float64Array(horizon).fill(1), warnings: ['picky warns'] };
      },
    };
    const progress: number[] = [];
    const result = rollingOriginBacktest(randomWalk(20, 3), [picky], { initial: 4, horizon: 2, onProgress: ({ completed, total }) => progress.push(completed / total) });
    const model = result.models[0];
    expect(model.failures.map((failure) => failure.origin)).toEqual([3, 4]);
    expect(model.failures[0]).toMatchObject({ code: 'TF_ERR_FORECAST_SERIES_TOO_SHORT', message: expect.stringMatching(/has 4/) });
    expect(Number.isNaN(model.forecasts[0])).toBe(true);
    expect(model.overall.count).toBe((result.origins.length - 2) * 2);
    expect(model.overall.versusNaive.count).toBe(model.overall.count);
    expect(model.overall.versusNaive.rmseRatio).toBeCloseTo(1, 14);
    expect(model.warnings[0]).toMatch(/no forecast at 2 of 15 origins/);
    expect(model.warnings).toContain('picky warns (at 13 of 15 origins)');
    expect(progress.length).toBe(3 * 15);
    expect(progress.at(-1)).toBe(1);
  });

  it('reports zero actuals skipped in the MAPE', () => {
    const result = rollingOriginBacktest([1, 2, 0, 1, 0, 2, 0], [upOne], { initial: 3, horizon: 1 });
    expect(result.models[0].overall.mapeCount).toBe(result.models[0].overall.count - 2);
    expect(result.models[0].warnings.join('\n')).toMatch(/MAPE skips 2 of 4 forecasts whose actual value is 0/);
  });

  it('a model that breaks the contract (wrong length, NaN mean) is a recorded failure; other exceptions propagate', () => {
    const broken: ForecastModel = { name: 'broken', minimumObservations: () => 1, forecast: () => ({ mean: Float64Array.of(NaN), standardError: Float64Array.of(1), warnings: [] }) };
    const short: ForecastModel = { name: 'short', minimumObservations: () => 1, forecast: () => ({ mean: Float64Array.of(1), standardError: Float64Array.of(1), warnings: [] }) };
    const result = rollingOriginBacktest(randomWalk(10, 1), [broken, short], { initial: 5, horizon: 2 });
    expect(result.models[0].failures[0]).toMatchObject({ code: 'invalid-forecast', message: expect.stringMatching(/broken: returned 1 means/) });
    const nanMean = rollingOriginBacktest(randomWalk(10, 1), [broken], { initial: 5, horizon: 1 });
    expect(nanMean.models[0].failures[0].message).toMatch(/mean at step 1 is NaN/);
    const buggy: ForecastModel = { ...upOne, name: 'buggy', forecast: () => { throw new RangeError('bug'); } };
    expect(() => rollingOriginBacktest(randomWalk(10, 1), [buggy], { initial: 5, horizon: 1 })).toThrow(RangeError);
  });

  it('failure modes are TickforgeErrors that name the problem', () => {
    const walk = randomWalk(30, 2);
    expect(() => rollingOriginBacktest(walk.subarray(0, 12), [upOne], { initial: 10, horizon: 3 })).toThrow(
      expect.objectContaining({ code: 'TF_ERR_FORECAST_SERIES_TOO_SHORT', message: expect.stringMatching(/initial \+ horizon = 13 observations; the series has 12/) }),
    );
    const withNaN = Float64Array.from(walk);
    withNaN[7] = NaN;
    expect(() => rollingOriginBacktest(withNaN, [upOne], { initial: 10, horizon: 3 })).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_SERIES_NOT_FINITE', message: expect.stringMatching(/value 7 is NaN/) }));
    expect(() => rollingOriginBacktest(walk, [], { initial: 10, horizon: 3 })).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_OPTION', message: expect.stringMatching(/no models/) }));
    expect(() => rollingOriginBacktest(walk, [upOne, upOne], { initial: 10, horizon: 3 })).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_OPTION', message: expect.stringMatching(/two models are named 'up-one'/) }));
    for (const bad of [{ initial: 2, horizon: 1 }, { initial: 10.5, horizon: 1 }, { initial: 10, horizon: 0 }, { initial: 10, horizon: 1, step: 0 }]) {
      expect(() => rollingOriginBacktest(walk, [upOne], bad)).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_OPTION' }));
    }
    expect(() => rollingOriginBacktest(walk, [upOne], { initial: 10, horizon: 1, window: 'sliding' as never })).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_OPTION', message: expect.stringMatching(/window = 'sliding'/) }));
  });
});
