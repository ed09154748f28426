import { describe, expect, it } from 'vitest';
import { Random } from '../../core/Random.js';
import { fitGarch, fixGarch } from './fitGarch.js';
import { resolveGarchLayout } from './GarchSpecification.js';

/** A GJR-GARCH(1,1,1) path with Gaussian shocks, from the unconditional variance. */
function simulateGjr(n: number, seed: number, [mu, omega, alpha, gamma, beta]: number[]): Float64Array {
  const random = Random.fromSeed(seed, 'fit-garch-test');
  let variance = omega / (1 - alpha - gamma / 2 - beta);
  let previous = 0;
  return Float64Array.from({ length: n }, () => {
    variance = omega + (alpha + (previous < 0 ? gamma : 0)) * previous * previous + beta * variance;
    previous = Math.sqrt(variance) * random.nextGaussian();
    return mu + previous;
  });
}

describe('fitGarch on simulated data', () => {
  const truth = [0.02, 0.05, 0.05, 0.1, 0.85];
  const returns = simulateGjr(20_000, 1, truth);

  it('recovers the parameters of a simulated GJR-GARCH within three standard errors', () => {
    const fit = fitGarch(returns, { volatility: 'gjr' });
    expect(fit.converged).toBe(true);
    expect(fit.warnings).toEqual([]);
    truth.forEach((value, k) => expect(Math.abs(fit.parameters[k] - value)).toBeLessThan(3 * fit.robustStandardErrors[k]));
    expect(fit.residuals.length).toBe(returns.length);
    expect(fit.conditionalVariance.every((v) => v > 0)).toBe(true);
  });

  it('warm-starts from a previous fit: same maximum in fewer iterations', () => {
    const cold = fitGarch(returns.subarray(0, 5000));
    const warm = fitGarch(returns.subarray(0, 5001), { startingValues: cold.parameters });
    const coldAgain = fitGarch(returns.subarray(0, 5001));
    expect(warm.optimizer!.iterations).toBeLessThan(coldAgain.optimizer!.iterations);
    expect(warm.logLikelihood).toBeCloseTo(coldAgain.logLikelihood, 7);
  });

  it('falls back to the default start, with a warning, when the warm start breaks a constraint', () => {
    const fit = fitGarch(returns.subarray(0, 2000), { startingValues: [0, 0.05, 0.6, 0.6] });
    expect(fit.converged).toBe(true);
    expect(fit.warnings.join(' ')).toMatch(/startingValues lie outside/);
  });

  it('reports non-convergence instead of returning a silent fit', () => {
    const fit = fitGarch(returns.subarray(0, 2000), { maxIterations: 2 });
    expect(fit.converged).toBe(false);
    expect(fit.optimizer!.reason).toBe('max-iterations');
    expect(fit.warnings[0]).toMatch(/did not converge \(max-iterations\)/);
  });

  it('classic and robust covariances are both symmetric and the chosen one is reported', () => {
    const fit = fitGarch(returns.subarray(0, 3000), { covariance: 'classic' });
    expect(fit.standardErrors).toEqual(fit.classicStandardErrors);
    const K = fit.parameters.length;
    for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) expect(fit.covariance[i * K + j]).toBeCloseTo(fit.covariance[j * K + i], 14);
    expect(fit.aic).toBeCloseTo(-2 * fit.logLikelihood + 2 * K, 10);
    expect(fit.bic).toBeCloseTo(-2 * fit.logLikelihood + K * Math.log(3000), 10);
  });

  it('fixGarch evaluates given parameters without estimating them', () => {
    const fixed = fixGarch(returns.subarray(0, 3000), truth, { volatility: 'gjr' });
    expect(fixed.optimizer).toBeNull();
    expect(Array.from(fixed.parameters)).toEqual(truth.map((v) => expect.closeTo(v, 15)));
    expect(() => fixGarch(returns, [1, 2], {})).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_OPTION' }));
  });
});

describe('fitGarch failure modes', () => {
  const noise = simulateGjr(500, 2, [0, 0.1, 0.1, 0, 0.8]);

  it('refuses NaN and infinite values, naming the index', () => {
    const withNaN = noise.slice();
    withNaN[42] = NaN;
    expect(() => fitGarch(withNaN)).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_SERIES_NOT_FINITE', message: expect.stringMatching(/value 42 is NaN/) }));
    withNaN[42] = Infinity;
    expect(() => fitGarch(withNaN)).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_SERIES_NOT_FINITE' }));
  });

  it('refuses a series too short for the order, saying how many it needs', () => {
    expect(() => fitGarch(noise.subarray(0, 19))).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_SERIES_TOO_SHORT', message: expect.stringMatching(/at least 20 observations/) }));
    // GJR(2,2,2) with a Student-t has 9 parameters: 45 observations.
    expect(() => fitGarch(noise.subarray(0, 44), { volatility: 'gjr', p: 2, o: 2, q: 2, distribution: 't' })).toThrow(/at least 45 observations/);
  });

  it('refuses a constant series and residuals without variation', () => {
    expect(() => fitGarch(new Float64Array(100).fill(0.3))).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_SERIES_CONSTANT' }));
    // y_t = -y_{t-1}: an AR(1) explains it exactly.
    const alternating = Float64Array.from({ length: 100 }, (_, t) => (t % 2 === 0 ? 1 : -1));
    expect(() => fitGarch(alternating, { mean: 'ar' })).toThrow(expect.objectContaining({ code: 'TF_ERR_FORECAST_SERIES_CONSTANT' }));
  });

  it('refuses unknown or inconsistent options', () => {
    const invalid = expect.objectContaining({ code: 'TF_ERR_FORECAST_OPTION' });
    expect(() => resolveGarchLayout({ volatility: 'figarch' as never })).toThrow(invalid);
    expect(() => resolveGarchLayout({ o: 1 })).toThrow(/use volatility 'gjr'/);
    expect(() => resolveGarchLayout({ volatility: 'gjr', o: 0 })).toThrow(invalid);
    expect(() => resolveGarchLayout({ p: 0, o: 0 })).toThrow(/never react/);
    expect(() => resolveGarchLayout({ q: 1.5 })).toThrow(invalid);
    expect(() => resolveGarchLayout({ distribution: 'ged' as never })).toThrow(invalid);
    expect(() => resolveGarchLayout({ mean: 'ar', arLags: 0 })).toThrow(invalid);
    expect(() => fitGarch(noise, { startingValues: [1, 2] })).toThrow(/startingValues has 2 entries; the model has 4 \(mu, omega, alpha\[1\], beta\[1\]\)/);
  });

  it("names parameters as arch does", () => {
    expect(resolveGarchLayout({ volatility: 'gjr', mean: 'ar', arLags: 2, distribution: 't', p: 2 }).names).toEqual(['Const', 'y[1]', 'y[2]', 'omega', 'alpha[1]', 'alpha[2]', 'gamma[1]', 'beta[1]', 'nu']);
    expect(resolveGarchLayout({ volatility: 'egarch', mean: 'zero' }).names).toEqual(['omega', 'alpha[1]', 'gamma[1]', 'beta[1]']);
  });
});
