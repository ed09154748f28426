import { describe, expect, it } from 'vitest';
import { rForecastRandomWalk as r } from '../../../test/fixtures/ensemble/rForecastRandomWalk.js';
import { Random } from '../../core/Random.js';
import { fitGarch } from '../garch/fitGarch.js';
import { forecastGarch } from '../garch/forecastGarch.js';
import { driftModel } from './driftModel.js';
import { garchMeanModel } from './garchMeanModel.js';
import { meanModel } from './meanModel.js';
import { naiveModel } from './naiveModel.js';
import { seasonalNaiveModel } from './seasonalNaiveModel.js';

const series = Float64Array.from(r.series);

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, relative = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i] - expected[i]), `index ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(relative * Math.abs(expected[i]));
}

describe('random-walk baselines agree with R forecast 8.20', () => {
  it('naive: last value, standard error sqrt(h mean(diff^2))', () => {
    const forecast = naiveModel().forecast(series, 8);
    expectClose(forecast.mean, r.naiveMean, 0);
    expectClose(forecast.standardError, r.naiveStandardError);
  });

  it('drift: y_T + h b, standard error s sqrt(h (1 + h / (T - 1)))', () => {
    const forecast = driftModel().forecast(series, 8);
    expectClose(forecast.mean, r.driftMean, 1e-15);
    expectClose(forecast.standardError, r.driftStandardError);
  });

  it('seasonal naive (period 4): repeats the last season, standard error sigma sqrt(k)', () => {
    const forecast = seasonalNaiveModel(4).forecast(series, 8);
    expectClose(forecast.mean, r.seasonalMean, 0);
    expectClose(forecast.standardError, r.seasonalStandardError);
  });

  it('mean: the sample mean, standard error s sqrt(1 + 1/T)', () => {
    const forecast = meanModel().forecast(series, 8);
    expectClose(forecast.mean, r.meanMean, 1e-15);
    expectClose(forecast.standardError, r.meanStandardError);
  });
});

describe('drift model formulas', () => {
  it('is exact on a straight line, with zero standard error', () => {
    const line = Float64Array.from({ length: 30 }, (_, t) => 5 - 0.25 * t);
    const forecast = driftModel().forecast(line, 6);
    forecast.mean.forEach((value, h) => expect(value).toBeCloseTo(5 - 0.25 * (29 + h + 1), 12));
    forecast.standardError.forEach((value) => expect(value).toBeLessThan(1e-12));
  });

  it('standard error is s sqrt(h (1 + h / (T - 1))) with s the standard deviation of the differences', () => {
    const random = Random.fromSeed(3, 'drift-se');
    const walk = new Float64Array(50);
    for (let t = 1; t < 50; t++) walk[t] = walk[t - 1] + 0.3 + random.nextGaussian();
    const T = walk.length;
    const differences = Array.from({ length: T - 1 }, (_, t) => walk[t + 1] - walk[t]);
    const b = differences.reduce((a, d) => a + d, 0) / (T - 1);
    const s = Math.sqrt(differences.reduce((a, d) => a + (d - b) ** 2, 0) / (T - 2));
    const forecast = driftModel().forecast(walk, 12);
    for (let h = 1; h <= 12; h++) {
      expect(forecast.mean[h - 1]).toBeCloseTo(walk[T - 1] + h * b, 12);
      expect(forecast.standardError[h - 1]).toBeCloseTo(s * Math.sqrt(h * (1 + h / (T - 1))), 12);
    }
  });

  it('seasonal naive with period 1 is the naive model', () => {
    expect(seasonalNaiveModel(1).forecast(series, 5)).toEqual(naiveModel().forecast(series, 5));
  });
});

describe('baseline failure modes', () => {
  it('too short, non-finite, bad horizon and bad period are TickforgeErrors naming the problem', () => {
    expect(() => naiveModel().forecast(Float64Array.of(1), 1)).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_SERIES_TOO_SHORT', message: expect.stringMatching(/naive needs at least 2/) }));
    expect(() => driftModel().forecast(Float64Array.of(1, 2), 1)).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_SERIES_TOO_SHORT' }));
    expect(() => seasonalNaiveModel(12).forecast(series.subarray(0, 12), 1)).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_SERIES_TOO_SHORT', message: expect.stringMatching(/at least 13/) }));
    expect(() => meanModel().forecast(Float64Array.of(1, NaN, 3), 2)).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_SERIES_NOT_FINITE', message: expect.stringMatching(/value 1 is NaN/) }));
    expect(() => naiveModel().forecast(series, 0)).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_OPTION', message: expect.stringMatching(/horizon 0/) }));
    expect(() => seasonalNaiveModel(0)).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_OPTION', message: expect.stringMatching(/period = 0/) }));
    expect(() => seasonalNaiveModel(2.5)).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_OPTION' }));
  });
});

describe('garchMeanModel', () => {
  const returns = (() => {
    const random = Random.fromSeed(11, 'garch-mean-adapter');
    return Float64Array.from({ length: 400 }, () => random.nextStudentT(7) + 0.05);
  })();

  it('forecasts fitGarch\'s mean with standard error sqrt(forecast variance)', () => {
    const model = garchMeanModel({ warmStart: false });
    const forecast = model.forecast(returns, 5);
    const fit = fitGarch(returns);
    const direct = forecastGarch(fit, 5);
    expect(Array.from(forecast.mean)).toEqual(Array.from(direct.mean));
    expect(Array.from(forecast.standardError)).toEqual(Array.from(direct.variance.map(Math.sqrt)));
    expect(model.name).toBe('garch(1,1)-constant');
    expect(model.minimumObservations()).toBe(20);
    expect(garchMeanModel({ mean: 'ar', arLags: 2 }).minimumObservations()).toBe(32);
  });

  it('warm-starts from the previous fit only when its data is a prefix of the new history', () => {
    const model = garchMeanModel();
    const first = model.forecast(returns.slice(0, 300), 1);
    expect(first.warnings).toEqual(fitGarch(returns.slice(0, 300)).warnings);
    const previous = fitGarch(returns.slice(0, 300));
    // Extending the history: the fit starts from the previous parameters.
    const extended = model.forecast(returns.slice(0, 350), 2);
    const warm = forecastGarch(fitGarch(returns.slice(0, 350), { startingValues: previous.parameters }), 2);
    expect(Array.from(extended.mean)).toEqual(Array.from(warm.mean));
    expect(Array.from(extended.standardError)).toEqual(Array.from(warm.variance.map(Math.sqrt)));
    // A different history (not an extension) starts cold: nothing from the other data enters.
    const other = returns.slice(50, 350);
    const cold = model.forecast(other, 2);
    const direct = forecastGarch(fitGarch(other), 2);
    expect(Array.from(cold.mean)).toEqual(Array.from(direct.mean));
  });

  it('passes on fitGarch\'s errors (too short, constant)', () => {
    expect(() => garchMeanModel().forecast(returns.slice(0, 10), 1)).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_SERIES_TOO_SHORT' }));
    expect(() => garchMeanModel().forecast(new Float64Array(50).fill(1), 1)).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_SERIES_CONSTANT' }));
    expect(() => garchMeanModel().forecast(returns, 0)).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_OPTION' }));
    expect(() => garchMeanModel({ volatility: 'nope' as never })).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_OPTION' }));
  });
});
