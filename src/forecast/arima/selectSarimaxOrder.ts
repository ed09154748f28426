import { TickforgeError } from '../../core/errors.js';
import { chooseDifferencingOrder, type DifferencingTest } from '../diagnostics/differencingOrder.js';
import type { KpssLags } from '../diagnostics/kpss.js';
import { chooseSeasonalDifferencingOrder, type OcsbResult } from '../diagnostics/ocsb.js';
import { fitSarimax } from './fitSarimax.js';
import type { SarimaxFit } from './SarimaxFit.js';
import {
  candidateKey,
  gridOrderSearch,
  runOrderSearch,
  runOrderSearchSync,
  stepwiseOrderSearch,
  type CandidateScore,
  type OrderSearch,
  type OrderSearchOutcome,
  type OrderSearchSpace,
  type SarimaxCandidate,
  type SelectionCriterion,
  type TriedCandidate,
} from './sarimaxOrderSearch.js';
import { candidateOptions, defaultCandidateScoring, scoreSarimaxCandidate, type CandidateFitOptions, type CandidateScoring } from './scoreSarimaxCandidate.js';

export interface SarimaxOrderSelectionOptions {
  /** 'stepwise' (default): Hyndman-Khandakar's search; 'grid': every model with p + q + P + Q <= maxOrder, in one batch. */
  mode?: 'stepwise' | 'grid';
  /** Default 'aic', as auto_arima. */
  criterion?: SelectionCriterion;
  /** Differences; 'auto' (default) chooses them by repeated KPSS tests (after the seasonal differences), as auto_arima. */
  d?: number | 'auto';
  /** The most differences 'auto' may choose (default 2). */
  maxD?: number;
  /** KPSS significance level for 'auto' (default 0.05) and its lag rule (default 'short', pmdarima's). */
  alpha?: number;
  kpssLags?: KpssLags;
  /**
   * Seasonal differences D: given, or 'auto' (the default with a period >= 2) for repeated OCSB
   * tests up to maxSeasonalD, as auto_arima's `seasonal_test='ocsb'` (R forecast's nsdiffs).
   */
  seasonalD?: number | 'auto';
  /** The most seasonal differences 'auto' may choose (default 1, as auto_arima's max_D). */
  maxSeasonalD?: number;
  /** Seasonal period s (default 1: no seasonal terms). */
  period?: number;
  /** Bounds of the search (auto_arima's defaults: 5, 5, 2, 2). */
  maxP?: number;
  maxQ?: number;
  maxSeasonalP?: number;
  maxSeasonalQ?: number;
  /** Stepwise starting model (auto_arima's defaults: 2, 2, 1, 1). */
  startP?: number;
  startQ?: number;
  startSeasonalP?: number;
  startSeasonalQ?: number;
  /** Grid mode: the largest p + q + P + Q (default 5). */
  maxOrder?: number;
  /** Stepwise: the most models on the sequential path (default 94, R's nmodels). */
  maxModels?: number;
  /** Whether candidates may have an intercept: 'auto' (default) when d + D <= 1, as auto_arima; then both forms are tried. */
  constant?: boolean | 'auto';
  /** Stepwise move rule (default 'first', auto_arima's path). */
  move?: 'first' | 'best';
  /** Stepwise batches (default 'single' here, 'neighbourhood' with an asynchronous evaluator); see OrderSearchSpace. */
  batch?: 'single' | 'neighbourhood';
  /** Options passed to every candidate's fitSarimax (start method, iterations, enforcement...). */
  fit?: CandidateFitOptions;
  /** When a fit competes; see CandidateScoring. */
  scoring?: Partial<CandidateScoring>;
}

export interface SarimaxOrderSelection {
  order: [number, number, number];
  seasonalOrder: [number, number, number, number];
  trend: 'n' | 'c';
  label: string;
  criterion: SelectionCriterion;
  /** The chosen model's criterion value. */
  value: number;
  /** The chosen model fitted on the whole series. */
  fit: SarimaxFit;
  /** Every candidate fitted, its score or why it failed, in the order the search proposed them (independent of evaluation timing). */
  candidates: TriedCandidate[];
  moves: number;
  reachedMaxModels: boolean;
  differencing: {
    d: number;
    seasonalD: number;
    /** Whether d came from the KPSS tests (they are listed) or was given. */
    chosenByTest: boolean;
    tests: DifferencingTest[];
    /** Whether D came from the OCSB tests (listed; null where a test could not be computed) or was given. */
    seasonalChosenByTest: boolean;
    seasonalTests: Array<OcsbResult | null>;
  };
  warnings: string[];
}

/** What every candidate of one selection is fitted on and scored by: the checked series, the fit options and the scoring rule. */
export interface CandidateContext {
  series: Float64Array;
  fitOptions: CandidateFitOptions;
  scoring: CandidateScoring;
}

/**
 * Scores a batch of candidates, possibly in parallel, each as `scoreSarimaxCandidate(context.series,
 * candidate, fitSarimax, context.fitOptions, context.scoring)` would; returns one score per
 * candidate, in order. The context is the same object for every batch of a selection.
 */
export type SarimaxBatchEvaluator = (candidates: readonly SarimaxCandidate[], context: CandidateContext) => Promise<readonly CandidateScore[]>;

/** Everything a selection needs before its search: the checked series, the search space and how to score. */
export interface PreparedOrderSelection {
  series: Float64Array;
  space: OrderSearchSpace;
  mode: 'stepwise' | 'grid';
  fitOptions: CandidateFitOptions;
  scoring: CandidateScoring;
  differencing: SarimaxOrderSelection['differencing'];
}

/**
 * Automatic SARIMA order selection, as pmdarima's `auto_arima` (and R's `auto.arima`): D by
 * repeated OCSB tests and d by repeated KPSS tests unless given, then the stepwise search of Hyndman and
 * Khandakar (2008) or the whole bounded grid, each candidate fitted by `fitSarimax` and scored
 * by AIC, BIC or HQIC; candidates that fail to converge, or whose AR or MA roots come within
 * 1.01 of the unit circle (R's rule), do not compete and are listed with the reason.
 * @throws TF_ERR_FORECAST_OPTION, TF_ERR_FORECAST_SERIES_NOT_FINITE, TF_ERR_FORECAST_SERIES_TOO_SHORT, TF_ERR_FORECAST_SERIES_CONSTANT
 * @throws TF_ERR_FORECAST_NO_MODEL when no candidate could be fitted
 */
export function selectSarimaxOrder(series: ArrayLike<number>, options: SarimaxOrderSelectionOptions = {}): SarimaxOrderSelection {
  const prepared = prepareOrderSelection(series, options, 'single');
  // Keeps the fit of the lowest criterion so far, so the chosen model needs no second fit.
  let kept: { key: string; value: number; fit: SarimaxFit } | null = null;
  const outcome = runOrderSearchSync(searchFor(prepared), (batch) =>
    batch.map((candidate) => {
      const { score, fit } = scoreSarimaxCandidate(prepared.series, candidate, fitSarimax, prepared.fitOptions, prepared.scoring);
      const value = score.ok ? score[prepared.space.criterion] : NaN;
      if (fit !== null && Number.isFinite(value) && (kept === null || value < kept.value)) kept = { key: candidateKey(candidate), value, fit };
      return score;
    }),
  );
  const chosen = outcome.chosen;
  const held = kept as { key: string; fit: SarimaxFit } | null;
  const fit = chosen !== null && held !== null && held.key === candidateKey(chosen.candidate) ? held.fit : undefined;
  return finishOrderSelection(prepared, outcome, fit);
}

/**
 * `selectSarimaxOrder` with the candidates scored by `evaluate`, which may fit a batch in
 * parallel (worker threads: src/parallel/selectSarimaxOrderInParallel.ts). By default the
 * stepwise search hands it each move's whole neighbourhood; the path and the choice are those
 * of the one-at-a-time search whatever the batching. The chosen model is fitted again on this
 * thread for the result's `fit`.
 */
export async function selectSarimaxOrderWith(series: ArrayLike<number>, options: SarimaxOrderSelectionOptions, evaluate: SarimaxBatchEvaluator): Promise<SarimaxOrderSelection> {
  const prepared = prepareOrderSelection(series, options, 'neighbourhood');
  const context: CandidateContext = { series: prepared.series, fitOptions: prepared.fitOptions, scoring: prepared.scoring };
  const outcome = await runOrderSearch(searchFor(prepared), (batch) => evaluate(batch, context));
  return finishOrderSelection(prepared, outcome);
}

function searchFor(prepared: PreparedOrderSelection): OrderSearch {
  return prepared.mode === 'grid' ? gridOrderSearch(prepared.space) : stepwiseOrderSearch(prepared.space);
}

/** Checks the series and options, chooses d, and builds the search space (shared by every driver). */
export function prepareOrderSelection(values: ArrayLike<number>, options: SarimaxOrderSelectionOptions, defaultBatch: 'single' | 'neighbourhood'): PreparedOrderSelection {
  const series = Float64Array.from(values);
  for (let t = 0; t < series.length; t++) {
    if (!Number.isFinite(series[t])) {
      throw new TickforgeError('TF_ERR_FORECAST_SERIES_NOT_FINITE', `SARIMAX order selection: value ${t} is ${series[t]}; drop or fill missing values before selecting an order.`, {
        details: { index: t, value: String(series[t]) },
      });
    }
  }
  if (series.length > 0 && series.every((value) => value === series[0])) {
    throw new TickforgeError('TF_ERR_FORECAST_SERIES_CONSTANT', `SARIMAX order selection: the series is constant (every value is ${series[0]}); there is nothing to model.`);
  }
  const whole = (name: string, value: number | undefined, fallback: number, minimum = 0): number => {
    const resolved = value ?? fallback;
    if (!Number.isInteger(resolved) || resolved < minimum) {
      throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SARIMAX order selection option ${name} must be a whole number >= ${minimum}; got ${resolved}.`, { details: { option: name, value: resolved } });
    }
    return resolved;
  };
  const oneOf = <T extends string>(name: string, value: T | undefined, allowed: readonly T[]): T => {
    const resolved = value ?? allowed[0];
    if (!allowed.includes(resolved)) {
      throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SARIMAX order selection option ${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}; got ${String(resolved)}.`, {
        details: { option: name, value: String(resolved) },
      });
    }
    return resolved;
  };
  const mode = oneOf('mode', options.mode, ['stepwise', 'grid'] as const);
  const criterion = oneOf('criterion', options.criterion, ['aic', 'bic', 'hqic'] as const);
  const move = oneOf('move', options.move, ['first', 'best'] as const);
  const batch = oneOf('batch', options.batch ?? defaultBatch, ['single', 'neighbourhood'] as const);
  const period = whole('period', options.period, 1, 1);
  const minimumLength = 10;
  const seasonal = period >= 2;
  const seasonalChosenByTest = seasonal && (options.seasonalD === undefined || options.seasonalD === 'auto');
  let seasonalTests: Array<OcsbResult | null> = [];
  let seasonalD: number;
  if (seasonalChosenByTest) {
    const choice = chooseSeasonalDifferencingOrder(series, period, { maxOrder: whole('maxSeasonalD', options.maxSeasonalD, 1) });
    // Never so many that fewer than `minimumLength` observations remain.
    seasonalD = Math.min(choice.order, Math.max(0, Math.floor((series.length - minimumLength) / period)));
    seasonalTests = choice.tests;
  } else {
    seasonalD = options.seasonalD === 'auto' ? 0 : whole('seasonalD', options.seasonalD, 0);
  }
  if (!seasonal && seasonalD > 0) {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SARIMAX order selection: seasonalD = ${seasonalD} needs a seasonal period >= 2; set period.`, { details: { option: 'seasonalD', value: seasonalD } });
  }
  const maxD = whole('maxD', options.maxD, 2);
  const seasonalLength = series.length - seasonalD * period;
  if (seasonalLength - (typeof options.d === 'number' ? options.d : 0) < minimumLength) {
    throw new TickforgeError(
      'TF_ERR_FORECAST_SERIES_TOO_SHORT',
      `SARIMAX order selection needs at least ${minimumLength} observations after differencing; the series has ${series.length}${seasonalD > 0 ? `, ${seasonalLength} after ${seasonalD} seasonal difference(s)` : ''}. Use a longer series.`,
      { details: { length: series.length, needed: minimumLength + seasonalD * period } },
    );
  }
  let d: number;
  let tests: DifferencingTest[] = [];
  const chosenByTest = options.d === undefined || options.d === 'auto';
  if (chosenByTest) {
    let deseasoned = series;
    for (let k = 0; k < seasonalD; k++) deseasoned = deseasoned.subarray(period).map((value, t) => value - deseasoned[t]);
    // Keep at least `minimumLength` observations after the chosen differences.
    const choice = chooseDifferencingOrder(deseasoned, { alpha: options.alpha, maxOrder: Math.min(maxD, deseasoned.length - minimumLength), lags: options.kpssLags });
    d = choice.order;
    tests = choice.tests;
  } else {
    d = whole('d', options.d as number, 0);
  }
  const maxP = whole('maxP', options.maxP, 5);
  const maxQ = whole('maxQ', options.maxQ, 5);
  const maxSeasonalP = seasonal ? whole('maxSeasonalP', options.maxSeasonalP, 2) : 0;
  const maxSeasonalQ = seasonal ? whole('maxSeasonalQ', options.maxSeasonalQ, 2) : 0;
  const constantOption = options.constant ?? 'auto';
  if (constantOption !== 'auto' && typeof constantOption !== 'boolean') {
    throw new TickforgeError('TF_ERR_FORECAST_OPTION', `SARIMAX order selection option constant must be true, false or 'auto'; got ${String(constantOption)}.`, { details: { option: 'constant' } });
  }
  const space: OrderSearchSpace = {
    d,
    seasonalD,
    period: seasonal ? period : 0,
    maxP,
    maxQ,
    maxSeasonalP,
    maxSeasonalQ,
    startP: whole('startP', options.startP, 2),
    startQ: whole('startQ', options.startQ, 2),
    startSeasonalP: whole('startSeasonalP', options.startSeasonalP, 1),
    startSeasonalQ: whole('startSeasonalQ', options.startSeasonalQ, 1),
    allowConstant: constantOption === 'auto' ? d + seasonalD <= 1 : constantOption,
    criterion,
    maxOrder: whole('maxOrder', options.maxOrder, 5),
    maxModels: whole('maxModels', options.maxModels, 94, 1),
    batch,
    move,
  };
  const scoring: CandidateScoring = { ...defaultCandidateScoring, ...options.scoring };
  return { series, space, mode, fitOptions: options.fit ?? {}, scoring, differencing: { d, seasonalD, chosenByTest, tests, seasonalChosenByTest, seasonalTests } };
}

/** The result from a finished search: the chosen fit (given, or fitted again here) and the warnings. */
export function finishOrderSelection(prepared: PreparedOrderSelection, outcome: OrderSearchOutcome, chosenFit?: SarimaxFit): SarimaxOrderSelection {
  const chosen = outcome.chosen;
  if (chosen === null) {
    const reasons = outcome.candidates.map((entry) => `${entry.label}: ${entry.score.ok ? 'no finite criterion' : `${entry.score.reason} (${entry.score.message})`}`);
    throw new TickforgeError('TF_ERR_FORECAST_NO_MODEL', `SARIMAX order selection could not fit any of its ${outcome.candidates.length} candidates; first reasons: ${reasons.slice(0, 3).join('; ')}. Check the series, lower the orders or relax the scoring.`, {
      details: { candidates: reasons },
    });
  }
  const warnings: string[] = [];
  let fit = chosenFit;
  if (fit === undefined) {
    fit = fitSarimax(prepared.series, candidateOptions(chosen.candidate, prepared.fitOptions));
    const refit = fit[prepared.space.criterion];
    if (!(Math.abs(refit - (chosen.criterion as number)) <= 1e-8 * Math.max(1, Math.abs(refit)))) {
      warnings.push(`the chosen model refitted on this thread has ${prepared.space.criterion} ${refit}, not the ${chosen.criterion} its evaluator reported; the evaluator may fit differently`);
    }
  }
  const failed = outcome.candidates.filter((entry) => !entry.score.ok).length;
  if (failed > 0) warnings.push(`${failed} of ${outcome.candidates.length} candidates did not compete (see candidates for each reason)`);
  if (outcome.reachedMaxModels) warnings.push(`the stepwise search stopped at maxModels = ${prepared.space.maxModels} before reaching a model no neighbour improves`);
  const [p, , q] = chosen.candidate.order;
  const [P, , Q] = chosen.candidate.seasonalOrder;
  const { maxP, maxQ, maxSeasonalP, maxSeasonalQ } = prepared.space;
  if ((p === maxP && maxP > 0) || (q === maxQ && maxQ > 0) || (P === maxSeasonalP && maxSeasonalP > 0) || (Q === maxSeasonalQ && maxSeasonalQ > 0)) {
    warnings.push('the chosen model has an order at the bound of the search; a larger bound may fit better');
  }
  warnings.push(...fit.warnings);
  return {
    order: chosen.candidate.order,
    seasonalOrder: chosen.candidate.seasonalOrder,
    trend: chosen.candidate.trend,
    label: chosen.label,
    criterion: prepared.space.criterion,
    value: chosen.criterion as number,
    fit,
    candidates: outcome.candidates,
    moves: outcome.moves,
    reachedMaxModels: outcome.reachedMaxModels,
    differencing: prepared.differencing,
    warnings,
  };
}
