import { TickforgeError, type ErrorCode } from '../../core/errors.js';
import type { ForecastModel, ModelForecast } from '../ForecastModel.js';
import { checkHistory, checkHorizon, checkIntegerOption } from './checkForecastInput.js';
import { inverseMseWeights, stackingWeights, type EnsembleWeighting } from './ensembleWeights.js';
import { forecastAtOrigins } from './forecastAtOrigins.js';

export interface EnsembleOptions {
  /** 'inverse-mse' (default), 'stacking' (non-negative least squares, normalised) or 'equal'. */
  weighting?: EnsembleWeighting;
  /**
   * Validation origins: the members forecast from each of the last `validationWindow`
   * positions of the history (o = T - 1 - validationWindow .. T - 2), fitted on the data up
   * to o only, and are scored on the values of the history that followed. Required unless
   * weighting is 'equal'.
   */
  validationWindow?: number;
  /** Steps forecast from each validation origin (default 1: weights from one-step errors). */
  horizon?: number;
  /** Name in reports (default 'ensemble-<weighting>(<member names>)'). */
  name?: string;
}

export interface EnsembleMemberForecast {
  name: string;
  /** Weight in [0, 1]; the weights of the members used sum to 1. */
  weight: number;
  /** Mean squared error over the validation forecasts; NaN with equal weighting (no validation run). */
  validationMse: number;
  /** The member's own forecast on the whole history. */
  mean: Float64Array;
  standardError: Float64Array;
  /** weight x mean, step by step: the member's share of the ensemble mean. */
  contribution: Float64Array;
  warnings: string[];
}

export interface EnsembleForecast extends ModelForecast {
  weighting: EnsembleWeighting;
  members: EnsembleMemberForecast[];
  /** Members left out because they failed on this history (validation or final fit), and why. */
  excluded: Array<{ name: string; code: ErrorCode | 'invalid-forecast'; reason: string }>;
  /** The validation the weights came from: origins, steps per origin and scored pairs. */
  validation: { origins: number; horizon: number; pairs: number };
}

export interface EnsembleModel extends ForecastModel {
  readonly members: readonly ForecastModel[];
  /** The forecast with each member's weight, forecast and contribution. */
  forecastWithContributions(history: Float64Array, horizon: number): EnsembleForecast;
}

/**
 * A forecast combination of `members`, itself a ForecastModel (so the rolling-origin
 * backtest can score it against its members and the baselines).
 *
 * Weights come only from the history given: each member forecasts from the validation
 * origins inside it, using the data up to each origin, and is scored on the later values of
 * the same history; the future is never seen. Then each member forecasts from the whole
 * history and the ensemble mean is sum_i w_i m_i.
 *
 * Standard error: the ensemble is read as the mixture of the members' predictive
 * distributions with the weights as probabilities, whose variance (law of total variance) is
 * sum_i w_i (se_i^2 + (m_i - m)^2): the members' own uncertainty plus their disagreement.
 * It is NaN when a member with positive weight gives no standard error.
 *
 * A member that throws a TickforgeError at any validation origin or on the whole history is
 * excluded from this forecast (listed in `excluded` and in the warnings); the others are
 * reweighted. Only when every member fails does the ensemble throw, with the first failure's
 * code and every member's reason.
 */
export function ensembleModel(members: readonly ForecastModel[], options: EnsembleOptions = {}): EnsembleModel {
  const weighting = options.weighting ?? 'inverse-mse';
  if (!['inverse-mse', 'stacking', 'equal'].includes(weighting)) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `ensemble option weighting = '${weighting}' is unknown; use 'inverse-mse', 'stacking' or 'equal'.`);
  }
  if (members.length === 0) throw new TickforgeError('TF_ERR_FORECAST_OPTION', 'ensemble: the member list is empty; give at least one ForecastModel to combine.');
  const names = new Set<string>();
  for (const member of members) {
    if (names.has(member.name)) throw new TickforgeError('TF_ERR_FORECAST_OPTION', `ensemble: two members are named '${member.name}'; give each member a distinct name so its weight can be reported.`);
    names.add(member.name);
  }
  const validating = weighting !== 'equal';
  const validationWindow = options.validationWindow ?? (validating ? NaN : 0);
  if (validating) checkIntegerOption(validationWindow, 'validationWindow', 1, 100_000, `weighting '${weighting}' needs the number of validation origins at the end of the history (e.g. 20)`);
  const validationHorizon = options.horizon ?? 1;
  checkIntegerOption(validationHorizon, 'horizon', 1, 10_000, 'give the steps forecast from each validation origin');
  const memberList = [...members];
  const name = options.name ?? `ensemble-${weighting}(${memberList.map((member) => member.name).join(',')})`;
  const minimumObservations = (): number => Math.min(...memberList.map((member) => Math.max(1, member.minimumObservations()))) + (validating ? validationWindow : 0);

  const forecastWithContributions = (history: Float64Array, horizon: number): EnsembleForecast => {
    checkHorizon(horizon, name);
    checkHistory(history, 1, name);
    const T = history.length;
    const excluded: EnsembleForecast['excluded'] = [];
    const origins = validating ? Int32Array.from({ length: validationWindow }, (_, k) => T - 1 - validationWindow + k) : new Int32Array(0);
    // Pairs (origin k, step h) whose target lies inside the history, in a fixed order.
    const pairIndex: number[] = [];
    const pairActual: number[] = [];
    origins.forEach((origin, k) => {
      for (let h = 0; h < validationHorizon && origin + 1 + h <= T - 1; h++) {
        pairIndex.push(k * validationHorizon + h);
        pairActual.push(history[origin + 1 + h]);
      }
    });

    const candidates: Array<{ model: ForecastModel; validation: Float64Array; result: ModelForecast }> = [];
    for (const model of memberList) {
      const needed = Math.max(1, model.minimumObservations()) + (validating ? validationWindow : 0);
      if (T < needed) {
        const reason = validating
          ? `${model.name} needs ${model.minimumObservations()} observations at the first validation origin, so ${needed} in all with validationWindow ${validationWindow}; the history has ${T}`
          : `${model.name} needs ${needed} observations; the history has ${T}`;
        excluded.push({ name: model.name, code: 'TF_ERR_FORECAST_SERIES_TOO_SHORT', reason });
        continue;
      }
      const run = forecastAtOrigins(model, history, origins, validationHorizon, () => 0);
      if (run.failures.length > 0) {
        const first = run.failures[0];
        excluded.push({ name: model.name, code: first.code, reason: `failed at ${run.failures.length} of ${origins.length} validation origins (first, at index ${first.origin}: ${first.message})` });
        continue;
      }
      const final = forecastAtOrigins(model, history, [T - 1], horizon, () => 0);
      if (final.failures.length > 0) {
        excluded.push({ name: model.name, code: final.failures[0].code, reason: `failed on the whole history: ${final.failures[0].message}` });
        continue;
      }
      const warnings = [...final.warnings.keys()];
      candidates.push({
        model,
        validation: Float64Array.from(pairIndex, (index) => run.forecasts[index]),
        result: { mean: final.forecasts, standardError: final.standardErrors, warnings },
      });
    }
    if (candidates.length === 0) {
      throw new TickforgeError(excluded[0].code === 'invalid-forecast' ? 'TF_ERR_FORECAST_OPTION' : excluded[0].code, `${name}: every member failed on this history: ${excluded.map((entry) => `${entry.name}: ${entry.reason}`).join('; ')}.`, {
        details: { excluded },
      });
    }

    const pairs = pairIndex.length;
    const k = candidates.length;
    const mses = candidates.map(({ validation }) => (validating ? validation.reduce((sum, f, i) => sum + (pairActual[i] - f) ** 2, 0) / pairs : NaN));
    const warnings: string[] = excluded.map((entry) => `member ${entry.name} excluded: ${entry.reason}`);
    let weights: Float64Array;
    if (weighting === 'equal') weights = new Float64Array(k).fill(1 / k);
    else if (weighting === 'inverse-mse') weights = inverseMseWeights(mses);
    else {
      const matrix = new Float64Array(pairs * k);
      candidates.forEach(({ validation }, j) => validation.forEach((f, i) => (matrix[i * k + j] = f)));
      const stacked = stackingWeights(matrix, Float64Array.from(pairActual), pairs, k);
      weights = stacked.weights;
      warnings.push(...stacked.warnings);
    }

    const mean = new Float64Array(horizon);
    candidates.forEach(({ result }, j) => result.mean.forEach((m, h) => (mean[h] += weights[j] * m)));
    const standardError = new Float64Array(horizon);
    let missingStandardError = false;
    for (let h = 0; h < horizon; h++) {
      let variance = 0;
      candidates.forEach(({ result }, j) => {
        if (weights[j] === 0) return;
        const se = result.standardError[h];
        if (!Number.isFinite(se)) missingStandardError = true;
        variance += weights[j] * (se * se + (result.mean[h] - mean[h]) ** 2);
      });
      standardError[h] = Math.sqrt(variance);
    }
    if (missingStandardError) warnings.push('a member with positive weight gives no standard error at some steps, so the ensemble standard error is NaN there');
    candidates.forEach(({ model, result }) => warnings.push(...result.warnings.map((warning) => `${model.name}: ${warning}`)));

    return {
      mean,
      standardError,
      warnings,
      weighting,
      members: candidates.map(({ model, result }, j) => ({
        name: model.name,
        weight: weights[j],
        validationMse: mses[j],
        mean: result.mean,
        standardError: result.standardError,
        contribution: result.mean.map((m) => weights[j] * m),
        warnings: result.warnings,
      })),
      excluded,
      validation: { origins: origins.length, horizon: validationHorizon, pairs },
    };
  };

  return {
    name,
    members: memberList,
    minimumObservations,
    forecastWithContributions,
    forecast(history, horizon) {
      const { mean, standardError, warnings } = forecastWithContributions(history, horizon);
      return { mean, standardError, warnings };
    },
  };
}
