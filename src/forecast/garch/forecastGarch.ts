import { TickforgeError } from '../../core/errors.js';
import { Random } from '../../core/Random.js';
import { normalQuantile } from '../special/normalDistribution.js';
import { studentTQuantile } from '../special/studentTDistribution.js';
import { meanAbsoluteNormal } from './egarchNegativeLogLikelihood.js';
import type { GarchFit } from './GarchFit.js';

export interface GarchForecastOptions {
  /**
   * 'analytic' (default for GARCH/GJR at every horizon and for EGARCH at horizon 1) or
   * 'simulation'. As in arch, EGARCH has no closed form beyond one step, so its default
   * for h > 1 is 'simulation' and asking it for 'analytic' there is an error.
   */
  method?: 'analytic' | 'simulation';
  /** Simulated paths (arch's default 1,000). */
  simulations?: number;
  /** Seed of the simulation's random stream (core Random): the same seed gives the same forecast. */
  seed?: number;
  /** Tail probabilities for value at risk (default [0.01, 0.05]). */
  valueAtRiskLevels?: readonly number[];
}

export interface GarchForecast {
  horizon: number;
  method: 'analytic' | 'simulation';
  /** E[y_{T+h}], h = 1..horizon. */
  mean: Float64Array;
  /** E[s2_{T+h}]: the forecast conditional variance of the residual. */
  residualVariance: Float64Array;
  /** Var(y_{T+h} | data): the residual variance propagated through the AR mean (arch's `variance`); equal to it otherwise. */
  variance: Float64Array;
  /**
   * Parametric one-period value at risk at each horizon, as a positive loss:
   * VaR = -(mean + sqrt(variance) q_level), q the quantile of the fitted standardised
   * distribution (normal, or Student-t scaled by sqrt((nu - 2) / nu)); the arch
   * documentation's recipe.
   */
  valueAtRisk: Array<{ level: number; values: Float64Array }>;
}

/**
 * h-step forecasts from the end of the fitted series, following arch's `forecast`:
 * one step from the recursion itself; beyond it, GARCH/GJR analytically with
 * E[e^2] = s2 and E[e^2 1(e < 0)] = s2 / 2 for future shocks, EGARCH by simulating shocks
 * from the fitted distribution and averaging s2 over the paths.
 */
export function forecastGarch(fit: GarchFit, horizon: number, options: GarchForecastOptions = {}): GarchForecast {
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 10_000) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `GARCH forecast horizon ${horizon} is not an integer in [1, 10000].`);
  }
  const layout = fit.layout;
  const method = options.method ?? (layout.volatility === 'egarch' && horizon > 1 ? 'simulation' : 'analytic');
  if (method === 'analytic' && layout.volatility === 'egarch' && horizon > 1) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', 'EGARCH has no analytic forecast beyond one step (as in arch); use method "simulation".');
  }
  const simulations = options.simulations ?? 1000;
  if (method === 'simulation' && (!Number.isInteger(simulations) || simulations < 1)) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `GARCH forecast simulations = ${simulations} is not a positive integer.`);
  }
  const levels = options.valueAtRiskLevels ?? [0.01, 0.05];
  for (const level of levels) {
    if (!(level > 0 && level < 1)) throw new TickforgeError('TF_ERR_FORECAST_OPTION', `value-at-risk level ${level} is not a probability in (0, 1); give e.g. 0.01 for 99% VaR.`);
  }
  const residualVariance = method === 'analytic' ? analyticVariance(fit, horizon) : simulatedVariance(fit, horizon, simulations, options.seed ?? 0);
  const mean = meanForecast(fit, horizon);
  const variance = propagateThroughMean(fit, residualVariance);
  const degrees = layout.degreesIndex >= 0 ? fit.parameters[layout.degreesIndex] : NaN;
  const valueAtRisk = levels.map((level) => {
    const quantile = layout.distribution === 't' ? studentTQuantile(level, degrees) * Math.sqrt((degrees - 2) / degrees) : normalQuantile(level);
    return { level, values: mean.map((m, h) => -(m + Math.sqrt(variance[h]) * quantile)) };
  });
  return { horizon, method, mean, residualVariance, variance, valueAtRisk };
}

/** The last `count` values of an aligned fit column (residuals or variances), oldest first. */
function lastValues(column: Float64Array, count: number): number[] {
  return Array.from(column.subarray(column.length - count));
}

interface VarianceState {
  /** e^2 of the last m observations then of the forecasts, oldest first. */
  squares: number[];
  /** e^2 1(e < 0), likewise. */
  asymmetric: number[];
  variances: number[];
}

/** GARCH/GJR one step: omega + sum alpha e^2 + sum gamma e^2 1(e<0) + sum beta s2 over the state's last entries. */
function garchStep(fit: GarchFit, state: VarianceState): number {
  const { p, o, q, varianceOffset } = fit.layout;
  const theta = fit.parameters;
  const last = state.squares.length - 1;
  let value = theta[varianceOffset];
  for (let j = 0; j < p; j++) value += theta[varianceOffset + 1 + j] * state.squares[last - j];
  for (let j = 0; j < o; j++) value += theta[varianceOffset + 1 + p + j] * state.asymmetric[last - j];
  for (let j = 0; j < q; j++) value += theta[varianceOffset + 1 + p + o + j] * state.variances[last - j];
  return value;
}

/** The last max(p, o, q) residuals and variances (fitGarch guarantees at least that many observations). */
function observedState(fit: GarchFit): { residuals: number[]; variances: number[] } {
  const m = fit.layout.maxLag;
  return { residuals: lastValues(fit.residuals, m), variances: lastValues(fit.conditionalVariance, m) };
}

function analyticVariance(fit: GarchFit, horizon: number): Float64Array {
  const out = new Float64Array(horizon);
  const { residuals, variances } = observedState(fit);
  if (fit.layout.volatility === 'egarch') {
    out[0] = egarchStep(fit, variances.map(Math.log), residuals.map((e, i) => e / Math.sqrt(variances[i])));
    return out;
  }
  const state: VarianceState = { squares: residuals.map((e) => e * e), asymmetric: residuals.map((e) => (e < 0 ? e * e : 0)), variances };
  for (let h = 0; h < horizon; h++) {
    const value = garchStep(fit, state);
    out[h] = value;
    state.squares.push(value);
    state.asymmetric.push(0.5 * value);
    state.variances.push(value);
  }
  return out;
}

/** EGARCH one step: exp(omega + sum alpha (|z| - sqrt(2/pi)) + sum gamma z + sum beta ln s2) from the last entries. */
function egarchStep(fit: GarchFit, logVariances: number[], standardized: number[]): number {
  const { p, o, q, varianceOffset } = fit.layout;
  const theta = fit.parameters;
  const last = logVariances.length - 1;
  let value = theta[varianceOffset];
  for (let j = 0; j < p; j++) value += theta[varianceOffset + 1 + j] * (Math.abs(standardized[last - j]) - meanAbsoluteNormal);
  for (let j = 0; j < o; j++) value += theta[varianceOffset + 1 + p + j] * standardized[last - j];
  for (let j = 0; j < q; j++) value += theta[varianceOffset + 1 + p + o + j] * logVariances[last - j];
  return Math.exp(value);
}

/** Mean over simulated paths of s2_{T+h}; shocks from the fitted standardised distribution. */
function simulatedVariance(fit: GarchFit, horizon: number, simulations: number, seed: number): Float64Array {
  const layout = fit.layout;
  const random = Random.fromSeed(seed, 'garch-forecast');
  const degrees = layout.degreesIndex >= 0 ? fit.parameters[layout.degreesIndex] : NaN;
  const tScale = Math.sqrt((degrees - 2) / degrees);
  const draw = (): number => (layout.distribution === 't' ? random.nextStudentT(degrees) * tScale : random.nextGaussian());
  const { residuals, variances } = observedState(fit);
  const sums = new Float64Array(horizon);
  for (let path = 0; path < simulations; path++) {
    if (layout.volatility === 'egarch') {
      const logVariances = variances.map(Math.log);
      const standardized = residuals.map((e, i) => e / Math.sqrt(variances[i]));
      for (let h = 0; h < horizon; h++) {
        const value = egarchStep(fit, logVariances, standardized);
        sums[h] += value;
        logVariances.push(Math.log(value));
        standardized.push(draw());
      }
    } else {
      const state: VarianceState = { squares: residuals.map((e) => e * e), asymmetric: residuals.map((e) => (e < 0 ? e * e : 0)), variances: [...variances] };
      for (let h = 0; h < horizon; h++) {
        const value = garchStep(fit, state);
        sums[h] += value;
        const shock = draw() * Math.sqrt(value);
        state.squares.push(shock * shock);
        state.asymmetric.push(shock < 0 ? shock * shock : 0);
        state.variances.push(value);
      }
    }
  }
  return sums.map((sum) => sum / simulations);
}

/** E[y_{T+h}]: mu, 0, or the AR recursion on the observed values and earlier forecasts. */
function meanForecast(fit: GarchFit, horizon: number): Float64Array {
  const layout = fit.layout;
  const out = new Float64Array(horizon);
  if (layout.mean === 'zero') return out;
  if (layout.mean === 'constant') return out.fill(fit.parameters[0]);
  const k = layout.arLags;
  const path = lastValues(fit.series, k);
  for (let h = 0; h < horizon; h++) {
    let value = fit.parameters[0];
    for (let j = 1; j <= k; j++) value += fit.parameters[j] * path[path.length - j];
    out[h] = value;
    path.push(value);
  }
  return out;
}

/** arch's long-run variance of an AR mean: Var(y_{T+h}) = sum_{i<=h} psi_{h-i}^2 s2_{T+i}, psi the AR impulse response. */
function propagateThroughMean(fit: GarchFit, residualVariance: Float64Array): Float64Array {
  const layout = fit.layout;
  if (layout.mean !== 'ar') return Float64Array.from(residualVariance);
  const horizon = residualVariance.length;
  const impulse = new Float64Array(horizon);
  impulse[0] = 1;
  for (let i = 1; i < horizon; i++) {
    for (let j = 1; j <= Math.min(i, layout.arLags); j++) impulse[i] += fit.parameters[j] * impulse[i - j];
  }
  return Float64Array.from({ length: horizon }, (_, h) => {
    let sum = 0;
    for (let i = 0; i <= h; i++) sum += residualVariance[i] * impulse[h - i] ** 2;
    return sum;
  });
}
