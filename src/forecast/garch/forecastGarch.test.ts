import { describe, expect, it } from 'vitest';
import { Random } from '../../core/Random.js';
import { fixGarch } from './fitGarch.js';
import { forecastGarch } from './forecastGarch.js';

const returns = (() => {
  const random = Random.fromSeed(5, 'forecast-garch-test');
  return Float64Array.from({ length: 800 }, () => random.nextStudentT(6) * 1.1 + 0.03);
})();

describe('forecastGarch', () => {
  it('GARCH(1,1): s2_{T+h} = v + (alpha + beta)^(h-1) (s2_{T+1} - v), v = omega / (1 - alpha - beta)', () => {
    const [mu, omega, alpha, beta] = [0.03, 0.05, 0.08, 0.9];
    const model = fixGarch(returns, [mu, omega, alpha, beta]);
    const forecast = forecastGarch(model, 60);
    const unconditional = omega / (1 - alpha - beta);
    const T = returns.length - 1;
    const first = omega + alpha * model.residuals[T] ** 2 + beta * model.conditionalVariance[T];
    for (let h = 1; h <= 60; h++) {
      expect(forecast.residualVariance[h - 1]).toBeCloseTo(unconditional + (alpha + beta) ** (h - 1) * (first - unconditional), 12);
      expect(forecast.mean[h - 1]).toBe(mu);
    }
    expect(forecast.variance).toEqual(forecast.residualVariance);
    expect(forecast.method).toBe('analytic');
  });

  it('GJR-GARCH: future shocks contribute gamma s2 / 2, so the persistence is alpha + gamma / 2 + beta', () => {
    const [omega, alpha, gamma, beta] = [0.04, 0.03, 0.1, 0.88];
    const model = fixGarch(returns, [0, omega, alpha, gamma, beta], { volatility: 'gjr' });
    const forecast = forecastGarch(model, 5);
    const persistence = alpha + gamma / 2 + beta;
    for (let h = 1; h < 5; h++) expect(forecast.residualVariance[h]).toBeCloseTo(omega + persistence * forecast.residualVariance[h - 1], 12);
  });

  it('value at risk is -(mean + sqrt(variance) q) with the fitted distribution\'s quantile', () => {
    const normal = forecastGarch(fixGarch(returns, [0.03, 0.05, 0.08, 0.9]), 3, { valueAtRiskLevels: [0.01, 0.05] });
    const z01 = -2.3263478740408408;
    const z05 = -1.6448536269514729;
    normal.variance.forEach((v, h) => {
      expect(normal.valueAtRisk[0].values[h]).toBeCloseTo(-(0.03 + Math.sqrt(v) * z01), 12);
      expect(normal.valueAtRisk[1].values[h]).toBeCloseTo(-(0.03 + Math.sqrt(v) * z05), 12);
    });
    // Student-t with nu = 5: t_5(0.01) = -3.364929998907218 (mpmath), scaled to unit variance by sqrt(3/5).
    const t = forecastGarch(fixGarch(returns, [0.03, 0.05, 0.08, 0.9, 5], { distribution: 't' }), 2, { valueAtRiskLevels: [0.01] });
    t.variance.forEach((v, h) => expect(t.valueAtRisk[0].values[h]).toBeCloseTo(-(0.03 - Math.sqrt(v) * 3.364929998907218 * Math.sqrt(3 / 5)), 10));
  });

  it('AR(1) mean: the mean follows the AR recursion and the variance adds the impulse response', () => {
    const [c, phi] = [0.02, 0.4];
    const model = fixGarch(returns, [c, phi, 0.05, 0.08, 0.9], { mean: 'ar' });
    const forecast = forecastGarch(model, 4);
    let previous = returns[returns.length - 1];
    for (let h = 0; h < 4; h++) {
      previous = c + phi * previous;
      expect(forecast.mean[h]).toBeCloseTo(previous, 14);
    }
    const s = forecast.residualVariance;
    expect(forecast.variance[0]).toBeCloseTo(s[0], 14);
    expect(forecast.variance[1]).toBeCloseTo(s[1] + phi ** 2 * s[0], 14);
    expect(forecast.variance[2]).toBeCloseTo(s[2] + phi ** 2 * s[1] + phi ** 4 * s[0], 14);
  });

  it('EGARCH: analytic at one step, simulated beyond (seeded, reproducible), simulation one step = analytic', () => {
    const model = fixGarch(returns, [0.03, 0.01, 0.15, -0.08, 0.95], { volatility: 'egarch' });
    expect(() => forecastGarch(model, 5, { method: 'analytic' })).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_OPTION' }));
    const analytic = forecastGarch(model, 1);
    const a = forecastGarch(model, 5, { seed: 3, simulations: 500 });
    const b = forecastGarch(model, 5, { seed: 3, simulations: 500 });
    const c = forecastGarch(model, 5, { seed: 4, simulations: 500 });
    expect(a.method).toBe('simulation');
    expect(Array.from(a.residualVariance)).toEqual(Array.from(b.residualVariance));
    expect(c.residualVariance[4]).not.toBe(a.residualVariance[4]);
    expect(a.residualVariance[0]).toBeCloseTo(analytic.residualVariance[0], 14);
  });

  it('simulated GARCH forecasts converge to the analytic ones', () => {
    const model = fixGarch(returns, [0.03, 0.05, 0.08, 0.9]);
    const analytic = forecastGarch(model, 10);
    const simulated = forecastGarch(model, 10, { method: 'simulation', simulations: 40_000, seed: 9 });
    analytic.residualVariance.forEach((v, h) => expect(Math.abs(simulated.residualVariance[h] / v - 1)).toBeLessThan(0.01));
  });

  it('refuses a bad horizon, level or simulation count', () => {
    const model = fixGarch(returns, [0.03, 0.05, 0.08, 0.9]);
    const invalid = expect.objectContaining({ code: 'TF_ERR_FORECAST_OPTION' });
    expect(() => forecastGarch(model, 0)).toThrow(invalid);
    expect(() => forecastGarch(model, 2.5)).toThrow(invalid);
    expect(() => forecastGarch(model, 5, { valueAtRiskLevels: [1.5] })).toThrow(invalid);
    expect(() => forecastGarch(model, 5, { method: 'simulation', simulations: 0 })).toThrow(invalid);
  });
});
