import { isTickforgeError } from '../core/errors.js';
import { arimaModel } from './arima/arimaModel.js';
import { driftModel } from './ensemble/driftModel.js';
import { ensembleModel } from './ensemble/ensembleModel.js';
import { fitGarch } from './garch/fitGarch.js';
import { forecastGarch } from './garch/forecastGarch.js';
import { rememberForecasts, historyHash, type ForecastMemory } from './rememberForecasts.js';
import { samossaModel } from './ssa/samossaModel.js';

/** How the universe stage forecasts each symbol. */
export interface SymbolForecastSettings {
  /** Bars ahead of the expected return (default 5). */
  horizon?: number;
  /** One-step validation origins of the ensemble weights (default 10). */
  validationWindow?: number;
  /** For the annualised volatility (default 252). */
  periodsPerYear?: number;
}

/** What a symbol's fit leaves for the next run: the data version it saw, each member's forecasts, GARCH's parameters. */
export interface SymbolForecastState {
  version: string;
  memories: Record<string, ForecastMemory>;
  arima?: number[];
  garch?: number[];
}

/** Expected return and volatility of one symbol. */
export interface SymbolForecast {
  symbol: string;
  observations: number;
  horizon: number;
  /** Ensemble forecast of the log price change over the horizon. */
  expectedLogReturn: number;
  /** The same as a simple return, exp(expectedLogReturn) - 1. */
  expectedReturn: number;
  /** Ensemble standard error of the log price at the horizon (NaN when a member gave none). */
  standardError: number;
  /** GARCH(1,1) next-bar conditional volatility of log returns, annualised by sqrt(periodsPerYear). */
  volatility: number;
  /** One-bar 5% value at risk of the log return from the same GARCH fit (a positive loss). */
  valueAtRisk95: number;
  /** Ensemble weight of each member. */
  weights: Record<string, number>;
  /** Fits run this time (validation origins and final fits; forecasts remembered from the last run are not counted). */
  fits: number;
  warnings: string[];
  /** Set when the symbol could not be forecast; the numbers are then NaN. */
  error?: string;
}

export const defaultSymbolForecastSettings = { horizon: 5, validationWindow: 10, periodsPerYear: 252 } as const;

/** The data version of a close series: its length and a hash of every value. */
export function seriesVersion(closes: Float64Array): string {
  return `${closes.length}:${historyHash(closes)}`;
}

/**
 * Expected return and volatility of one symbol, the per-symbol work of the `forecast` stage:
 * an inverse-MSE ensemble of ARIMA(1,1,1) with drift, SAMoSSA and the random walk with drift on
 * the log closes, weighted by one-step errors at the last `validationWindow` origins; GARCH(1,1)
 * on the log returns for the volatility. `previous` (the state of the last run on this symbol)
 * makes a refit after new bars cheap and exact: member forecasts of unchanged history prefixes
 * come from its memories, and ARIMA and GARCH start from its parameters. A symbol that cannot be fitted
 * (too short, constant, non-positive prices) gives NaNs and `error`, never a silent number.
 */
export function forecastSymbol(symbol: string, closes: Float64Array, settings: SymbolForecastSettings = {}, previous?: SymbolForecastState): { forecast: SymbolForecast; state: SymbolForecastState } {
  const horizon = settings.horizon ?? defaultSymbolForecastSettings.horizon;
  const validationWindow = settings.validationWindow ?? defaultSymbolForecastSettings.validationWindow;
  const periodsPerYear = settings.periodsPerYear ?? defaultSymbolForecastSettings.periodsPerYear;
  const version = seriesVersion(closes);
  const state: SymbolForecastState = { version, memories: {} };
  const forecast: SymbolForecast = {
    symbol, observations: closes.length, horizon, expectedLogReturn: NaN, expectedReturn: NaN, standardError: NaN,
    volatility: NaN, valueAtRisk95: NaN, weights: {}, fits: 0, warnings: [],
  };
  try {
    const logs = new Float64Array(closes.length);
    for (let i = 0; i < closes.length; i++) {
      if (!(closes[i] > 0)) throw new RangeError(`close ${i + 1} is ${closes[i]}; log prices need positive closes`);
      logs[i] = Math.log(closes[i]);
    }
    const arima = arimaModel({ order: [1, 1, 1], trend: 't', initialParameters: previous?.arima });
    const members = [arima, samossaModel(), driftModel()].map((model) => {
      const next: ForecastMemory = {};
      state.memories[model.name] = next;
      return rememberForecasts(model, previous?.memories[model.name] ?? {}, next);
    });
    const ensemble = ensembleModel(members, { weighting: 'inverse-mse', validationWindow, name: 'ensemble' });
    const combined = ensemble.forecastWithContributions(logs, horizon);
    forecast.fits = Object.entries(state.memories).reduce((n, [name, memory]) => n + Object.keys(memory).filter((key) => previous?.memories[name]?.[key] === undefined).length, 0);
    forecast.expectedLogReturn = combined.mean[horizon - 1] - logs[logs.length - 1];
    forecast.expectedReturn = Math.expm1(forecast.expectedLogReturn);
    forecast.standardError = combined.standardError[horizon - 1];
    for (const member of combined.members) forecast.weights[member.name] = member.weight;
    const arimaParameters = arima.lastParameters() ?? previous?.arima;
    if (arimaParameters !== undefined) state.arima = Array.from(arimaParameters);
    forecast.warnings.push(...combined.warnings);

    const returns = new Float64Array(logs.length - 1);
    for (let i = 1; i < logs.length; i++) returns[i - 1] = logs[i] - logs[i - 1];
    const garch = fitGarch(returns, { startingValues: previous?.garch });
    forecast.fits++;
    const variance = forecastGarch(garch, 1, { valueAtRiskLevels: [0.05] });
    forecast.volatility = Math.sqrt(variance.residualVariance[0] * periodsPerYear);
    forecast.valueAtRisk95 = variance.valueAtRisk[0].values[0];
    if (garch.converged) state.garch = Array.from(garch.parameters);
    forecast.warnings.push(...garch.warnings.map((warning) => `garch: ${warning}`));
  } catch (error) {
    if (!isTickforgeError(error) && !(error instanceof RangeError)) throw error;
    forecast.error = error.message;
  }
  return { forecast, state };
}
