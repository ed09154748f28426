import { describe, expect, it } from 'vitest';
import { randomWalkBars } from '../../test/randomWalk.js';
import { arimaModel } from './arima/arimaModel.js';
import { driftModel } from './ensemble/driftModel.js';
import { ensembleModel } from './ensemble/ensembleModel.js';
import { forecastSymbol, seriesVersion } from './forecastSymbol.js';
import { fitGarch } from './garch/fitGarch.js';
import { forecastGarch } from './garch/forecastGarch.js';
import { samossaModel } from './ssa/samossaModel.js';

const closes = randomWalkBars(400, 21).close;

describe('forecastSymbol', () => {
  it('is the inverse-MSE ensemble of ARIMA(1,1,1) with drift, SAMoSSA and drift on log closes, and GARCH(1,1) on log returns', () => {
    const { forecast, state } = forecastSymbol('WALK', closes, { horizon: 3, validationWindow: 6, periodsPerYear: 252 });
    const logs = closes.map(Math.log);
    const ensemble = ensembleModel([arimaModel({ order: [1, 1, 1], trend: 't' }), samossaModel(), driftModel()], { validationWindow: 6 }).forecastWithContributions(logs, 3);
    expect(forecast.expectedLogReturn).toBeCloseTo(ensemble.mean[2] - logs[logs.length - 1], 12);
    expect(forecast.expectedReturn).toBeCloseTo(Math.expm1(forecast.expectedLogReturn), 15);
    expect(Object.values(forecast.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const returns = logs.subarray(1).map((value, i) => value - logs[i]);
    const garch = forecastGarch(fitGarch(returns), 1, { valueAtRiskLevels: [0.05] });
    expect(forecast.volatility).toBeCloseTo(Math.sqrt(garch.residualVariance[0] * 252), 6);
    expect(forecast.valueAtRisk95).toBeCloseTo(garch.valueAtRisk[0].values[0], 6);
    // Seven fits per member (six validation origins and the whole history) and one GARCH fit.
    expect(forecast.fits).toBe(22);
    expect(state.version).toBe(seriesVersion(closes));
    expect(forecast.error).toBeUndefined();
  });

  it('refits warm after one new bar: only the newest history is fitted, and the numbers are those of a cold fit', () => {
    const settings = { horizon: 5, validationWindow: 8 };
    const before = forecastSymbol('WALK', closes.subarray(0, closes.length - 1), settings);
    const warm = forecastSymbol('WALK', closes, settings, before.state);
    const cold = forecastSymbol('WALK', closes, settings);
    // One new final fit per member (the newest validation origin is the last run's final history) and GARCH.
    expect(warm.forecast.fits).toBe(4);
    expect(cold.forecast.fits).toBe(3 * 9 + 1);
    // Warm starts move the optimum only within the optimisers' tolerances.
    expect(warm.forecast.expectedLogReturn).toBeCloseTo(cold.forecast.expectedLogReturn, 6);
    expect(warm.forecast.volatility).toBeCloseTo(cold.forecast.volatility, 5);
    // The same data again needs no member fit at all.
    expect(forecastSymbol('WALK', closes, settings, warm.state).forecast.fits).toBe(1);
  });

  it('a revised bar inside the history invalidates the remembered forecasts that saw it', () => {
    const settings = { horizon: 2, validationWindow: 4 };
    const first = forecastSymbol('WALK', closes, settings);
    const revised = closes.slice();
    revised[revised.length - 3] *= 1.01;
    // Origins before the revised bar are remembered; the two at and after it, and the final fit, are not.
    expect(forecastSymbol('WALK', revised, settings, first.state).forecast.fits).toBe(3 * 3 + 1);
  });

  it('says why a symbol cannot be forecast instead of giving numbers', () => {
    const zero = closes.slice();
    zero[10] = 0;
    const bad = forecastSymbol('BAD', zero).forecast;
    expect(bad.error).toMatch(/close 11 is 0; log prices need positive closes/);
    expect(bad.expectedReturn).toBeNaN();
    const short = forecastSymbol('SHORT', closes.subarray(0, 12)).forecast;
    expect(short.error).toMatch(/every member failed|needs|too short|observations/);
    expect(short.volatility).toBeNaN();
  });
});
