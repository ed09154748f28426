import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TickforgeError } from '../../core/errors.js';
import { arimaModel } from './arimaModel.js';
import { fitSarimax } from './fitSarimax.js';
import { forecastSarimax } from './forecastSarimax.js';
import { minimumSarimaxObservations } from './prepareSarimaxData.js';
import { resolveSarimaxLayout } from './SarimaxSpecification.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test', 'fixtures', 'arima');
const air = Float64Array.from(
  readFileSync(join(fixtures, 'airpassengers_monthly.csv'), 'utf8').trim().split('\n').slice(1),
  (line) => Math.log(Number(line.split(',')[1])),
);

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof TickforgeError) return error.code;
    throw error;
  }
  return undefined;
}

describe('fitSarimax failure modes', () => {
  it('rejects a series too short for the order', () => {
    const layout = resolveSarimaxLayout({ order: [2, 1, 2] }, 0);
    const short = air.slice(0, minimumSarimaxObservations(layout) - 1);
    expect(codeOf(() => fitSarimax(short, { order: [2, 1, 2] }))).toBe('TF_ERR_FORECAST_SERIES_TOO_SHORT');
    expect(codeOf(() => fitSarimax(air.slice(0, 20), { order: [0, 1, 1], seasonalOrder: [0, 1, 1, 12] }))).toBe('TF_ERR_FORECAST_SERIES_TOO_SHORT');
  });

  it('rejects a constant series, and one constant after differencing', () => {
    expect(codeOf(() => fitSarimax(new Float64Array(100).fill(3), { order: [1, 0, 0], trend: 'c' }))).toBe('TF_ERR_FORECAST_SERIES_CONSTANT');
    const line = Float64Array.from({ length: 100 }, (_, t) => 2 + 0.5 * t);
    expect(codeOf(() => fitSarimax(line, { order: [1, 1, 0] }))).toBe('TF_ERR_FORECAST_SERIES_CONSTANT');
  });

  it('rejects NaN and infinite values, naming the index', () => {
    const withNan = Float64Array.from(air);
    withNan[17] = NaN;
    expect(() => fitSarimax(withNan, { order: [1, 1, 0] })).toThrow(/index 17/);
    expect(codeOf(() => fitSarimax(withNan, { order: [1, 1, 0] }))).toBe('TF_ERR_FORECAST_SERIES_NOT_FINITE');
    const exog = new Float64Array(air.length).fill(1);
    exog[5] = Infinity;
    expect(codeOf(() => fitSarimax(air, { order: [1, 1, 0], exog: [exog] }))).toBe('TF_ERR_FORECAST_SERIES_NOT_FINITE');
  });

  it('rejects invalid options', () => {
    expect(codeOf(() => fitSarimax(air, { order: [1, -1, 0] as unknown as [number, number, number] }))).toBe('TF_ERR_FORECAST_OPTION');
    expect(codeOf(() => fitSarimax(air, { order: [1, 0, 0], seasonalOrder: [1, 0, 0, 1] }))).toBe('TF_ERR_FORECAST_OPTION');
    expect(codeOf(() => fitSarimax(air, { order: [12, 0, 0], seasonalOrder: [1, 0, 0, 12] }))).toBe('TF_ERR_FORECAST_OPTION');
    expect(codeOf(() => fitSarimax(air, { order: [1, 0, 0], exog: [new Float64Array(3)] }))).toBe('TF_ERR_FORECAST_OPTION');
    expect(codeOf(() => fitSarimax(air, { order: [1, 1, 0], startingValues: [0.1, 0.2, 0.3] }))).toBe('TF_ERR_FORECAST_OPTION');
  });

  it('reports non-convergence in the result instead of a silent fit', () => {
    const fit = fitSarimax(air, { order: [2, 1, 2], maxIterations: 1, startMethod: 'hannan-rissanen' });
    expect(fit.converged).toBe(false);
    expect(fit.optimizer?.reason).toBe('max-iterations');
    expect(fit.warnings.some((line) => line.includes('did not converge'))).toBe(true);
  });

  it('ignores unusable starting values with a warning', () => {
    const fit = fitSarimax(air, { order: [1, 1, 0], startingValues: [1.5, 0.01] });
    expect(fit.converged).toBe(true);
    expect(fit.warnings.some((line) => line.includes('startingValues'))).toBe(true);
  });

  it('checks forecast options', () => {
    const fit = fitSarimax(air, { order: [1, 1, 0], exog: [Float64Array.from(air, (_, t) => Math.sin(t))] });
    expect(codeOf(() => forecastSarimax(fit, 3))).toBe('TF_ERR_FORECAST_OPTION');
    expect(codeOf(() => forecastSarimax(fit, 0, { exog: [new Float64Array(3)] }))).toBe('TF_ERR_FORECAST_OPTION');
    expect(codeOf(() => forecastSarimax(fit, 3, { exog: [new Float64Array(3)], level: 1 }))).toBe('TF_ERR_FORECAST_OPTION');
    expect(forecastSarimax(fit, 3, { exog: [new Float64Array(3)] }).mean.every(Number.isFinite)).toBe(true);
  });
});

describe('fitSarimax options', () => {
  it('reaches the same maximum from either start method and from a warm start', () => {
    const options = { order: [0, 1, 1], seasonalOrder: [0, 1, 1, 12] } as const;
    const css = fitSarimax(air, { ...options, startMethod: 'css' });
    const hannanRissanen = fitSarimax(air, { ...options, startMethod: 'hannan-rissanen' });
    const warm = fitSarimax(air, { ...options, startingValues: css.parameters });
    for (const fit of [hannanRissanen, warm]) {
      expect(Math.abs(fit.logLikelihood - css.logLikelihood)).toBeLessThan(1e-7);
      fit.parameters.forEach((value, k) => expect(Math.abs(value - css.parameters[k])).toBeLessThan(1e-4 * Math.max(1, Math.abs(value))));
    }
    expect(warm.optimizer!.evaluations).toBeLessThan(css.optimizer!.evaluations);
  });

  it("reports the chosen covariance and standardised residuals", () => {
    const fit = fitSarimax(air, { order: [1, 1, 0], covariance: 'approx' });
    expect(fit.standardErrors).toEqual(fit.approxStandardErrors);
    expect(fit.covarianceType).toBe('approx');
    expect(Number.isNaN(fit.residuals[0])).toBe(true);
    const sigma = Math.sqrt(fit.parameters[fit.parameters.length - 1]);
    let sumSquares = 0;
    for (let t = 1; t < air.length; t++) sumSquares += fit.standardizedResiduals[t] ** 2;
    // Standardised residuals have unit mean square at the maximum (sigma2 = mean of v^2 / F).
    expect(sumSquares / (air.length - 1)).toBeCloseTo(1, 10);
    expect(Math.abs(fit.residuals[50] / fit.standardizedResiduals[50])).toBeGreaterThanOrEqual(sigma * (1 - 1e-12));
  });
});

describe('arimaModel', () => {
  it('forecasts like fitSarimax + forecastSarimax and warm-starts the next fit', () => {
    const model = arimaModel({ order: [0, 1, 1], seasonalOrder: [0, 1, 1, 12] });
    expect(model.name).toBe('sarima(0,1,1)(0,1,1,12)');
    expect(model.minimumObservations()).toBeGreaterThan(13);
    const history = air.slice(0, 120);
    const first = model.forecast(history, 6);
    const direct = forecastSarimax(fitSarimax(history, { order: [0, 1, 1], seasonalOrder: [0, 1, 1, 12] }), 6);
    first.mean.forEach((value, h) => expect(Math.abs(value - direct.mean[h])).toBeLessThan(1e-6));
    first.standardError.forEach((value, h) => expect(Math.abs(value - direct.standardError[h])).toBeLessThan(1e-6));
    const second = model.forecast(air.slice(0, 121), 6);
    const cold = forecastSarimax(fitSarimax(air.slice(0, 121), { order: [0, 1, 1], seasonalOrder: [0, 1, 1, 12] }), 6);
    second.mean.forEach((value, h) => expect(Math.abs(value - cold.mean[h])).toBeLessThan(1e-6));
    expect(second.warnings).toEqual([]);
  });
});
