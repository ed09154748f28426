import { describe, expect, it } from 'vitest';
import { readReturnSeries } from '../../../test/readReturnSeries.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { fitGarch } from './fitGarch.js';

/*
 * The Bollerslev-Ghysels DEM/GBP GARCH(1,1) benchmark (1974 daily percent returns, Journal of
 * Business and Economic Statistics 14, 1996), with the start-up the benchmark defines:
 * h_0 = e_0^2 = sum e_t^2 / T at the current mu (our startup 'sample-variance').
 *
 * - Estimates and log-likelihood: Fiorentini, Calzolari and Panattoni (1996, Journal of Applied
 *   Econometrics 11) as published by McCullough and Renfro (1999, Journal of Economic and Social
 *   Measurement 25), to 12 digits as the TSP 4.4 consensus values in TSP International's
 *   benchmark file bgfcp.tsp (www.tspintl.com/code/bench/bgfcp.tsp): mu -.006190408379994,
 *   omega .0107613978518, alpha .153134061820, beta .805973670305, lnL -1106.607881041288.
 * - Standard errors from the Hessian (McCullough and Renfro's benchmark, quoted in SHAZAM's
 *   ARCH3.SHA example, econometrics.com/intro/ARCH3.SHA): 0.00846212 0.00285271 0.0265228
 *   0.0335527.
 * - Robust (QMLE, White) standard errors from the Hessian sandwich, bgfcp.tsp:
 *   .009189353979760952 .006493186182105218 .05353170349543810 .07246144960234878.
 * - R fGarch's garchFit(~garch(1,1), data = dem2gbp) summary (its documented example):
 *   mu -0.0061903, omega 0.0107614, alpha1 0.1531341, beta1 0.8059737, lnL -1106.608,
 *   AIC / T 1.125236.
 */
const available = requireSharedData('the DEM/GBP GARCH(1,1) benchmark');

const benchmark = {
  parameters: [-0.006190408379994, 0.0107613978518, 0.15313406182, 0.805973670305],
  logLikelihood: -1106.607881041288,
  hessianStandardErrors: [0.00846212, 0.00285271, 0.0265228, 0.0335527],
  robustStandardErrors: [0.009189353979760952, 0.006493186182105218, 0.0535317034954381, 0.07246144960234878],
};

describe.skipIf(!available)('GARCH(1,1) on the Bollerslev-Ghysels DEM/GBP benchmark', () => {
  const returns = available ? readReturnSeries('fgarch_dem2gbp_returns.csv.gz') : new Float64Array(0);
  const fit = available ? fitGarch(returns, { startup: 'sample-variance' }) : undefined;

  it('reads the 1974 benchmark returns', () => {
    expect(returns.length).toBe(1974);
  });

  it('matches the FCP benchmark estimates to 1e-6 and its log-likelihood to 1e-7', () => {
    expect(fit!.converged).toBe(true);
    expect(fit!.warnings).toEqual([]);
    expect(fit!.parameterNames).toEqual(['mu', 'omega', 'alpha[1]', 'beta[1]']);
    benchmark.parameters.forEach((value, k) => expect(Math.abs(fit!.parameters[k] / value - 1)).toBeLessThan(1e-6));
    expect(Math.abs(fit!.logLikelihood - benchmark.logLikelihood)).toBeLessThan(1e-7);
  });

  it('matches the benchmark Hessian standard errors to their 6 published digits', () => {
    benchmark.hessianStandardErrors.forEach((value, k) => expect(Math.abs(fit!.classicStandardErrors[k] / value - 1)).toBeLessThan(1e-5));
  });

  it('matches the QMLE (White) standard errors once arch\'s T/(T-1) score covariance is accounted for', () => {
    // arch (and so tickforge) uses numpy's cov of the scores (divisor T - 1); TSP divides by T.
    const ddof = Math.sqrt(1974 / 1973);
    benchmark.robustStandardErrors.forEach((value, k) => expect(Math.abs(fit!.robustStandardErrors[k] / ddof / value - 1)).toBeLessThan(1e-5));
    expect(fit!.standardErrors).toEqual(fit!.robustStandardErrors);
  });

  it("agrees with R fGarch's documented garchFit output for dem2gbp", () => {
    const fGarch = [-0.0061903, 0.0107614, 0.1531341, 0.8059737];
    fGarch.forEach((value, k) => expect(fit!.parameters[k]).toBeCloseTo(value, 6));
    expect(fit!.logLikelihood).toBeCloseTo(-1106.608, 3);
    expect(fit!.aic / fit!.observations).toBeCloseTo(1.125236, 6);
  });

  it('needs its own start-up: arch\'s default backcast moves omega by 8% and lnL by 2', () => {
    // fitGarch.arch.test.ts checks this backcast fit against arch itself.
    const archStyle = fitGarch(returns);
    expect(archStyle.parameters[1] / benchmark.parameters[1] - 1).toBeLessThan(-0.07);
    expect(archStyle.logLikelihood - benchmark.logLikelihood).toBeGreaterThan(2);
  });
});

/*
 * R fGarch 4022.89 (Debian bookworm's r-cran-fgarch, R 4.2.2), run once here, not at test time:
 *   x <- read.csv(gzfile('fgarch_sp500dge_returns.csv.gz'))[, 2]
 *   fit <- garchFit(~garch(1, 1), data = tail(x, n), trace = FALSE)
 *   sprintf('%.12g', -fit@fit$llh); sprintf('%.10g', fit@fit$coef)
 * fGarch's default start-up ("mci") is the benchmark's, our 'sample-variance'.
 */
const fGarchSp500 = [
  { n: 2000, logLikelihood: 6493.38936971, parameters: [0.0007239814116, 7.151862734e-6, 0.1176716072, 0.8163552028] },
  { n: 10000, logLikelihood: 34990.3805149, parameters: [0.0004366102894, 6.368780993e-7, 0.08307178347, 0.9120548924] },
];

describe.skipIf(!available)('GARCH(1,1) on S&P 500 returns against R fGarch', () => {
  const sp500 = available ? readReturnSeries('fgarch_sp500dge_returns.csv.gz') : new Float64Array(0);
  it.each(fGarchSp500)('the last $n returns: same estimates (1e-4) and at least the same log-likelihood', ({ n, logLikelihood, parameters }) => {
    const fit = fitGarch(sp500.subarray(sp500.length - n), { startup: 'sample-variance' });
    expect(fit.converged).toBe(true);
    parameters.forEach((value, k) => expect(Math.abs(fit.parameters[k] / value - 1)).toBeLessThan(1e-4));
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(logLikelihood - 1e-6);
    expect(fit.logLikelihood - logLikelihood).toBeLessThan(1e-4);
  });
});
