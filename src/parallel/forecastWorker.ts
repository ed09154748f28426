import { forecastSymbol, type SymbolForecast, type SymbolForecastSettings, type SymbolForecastState } from '../forecast/forecastSymbol.js';

/** Several symbols' closes in one transferable buffer, back to back, with their states from the last run. */
export interface ForecastTask {
  symbols: string[];
  lengths: number[];
  closes: ArrayBuffer;
  states: Array<SymbolForecastState | undefined>;
  settings: SymbolForecastSettings;
}

export interface ForecastTaskResult {
  forecasts: SymbolForecast[];
  states: SymbolForecastState[];
}

/** Forecasts every symbol of a task in order; the worker entry and the single-thread path both run this. */
export function forecastTask(task: ForecastTask): ForecastTaskResult {
  const forecasts: SymbolForecast[] = [];
  const states: SymbolForecastState[] = [];
  let offset = 0;
  task.symbols.forEach((symbol, index) => {
    const closes = new Float64Array(task.closes, offset, task.lengths[index]);
    offset += task.lengths[index] * 8;
    const result = forecastSymbol(symbol, closes, task.settings, task.states[index]);
    forecasts.push(result.forecast);
    states.push(result.state);
  });
  return { forecasts, states };
}

/** Worker entry: imports only pure domains (DESIGN.md section 2). */
export default function forecastWorker(task: ForecastTask): ForecastTaskResult {
  return forecastTask(task);
}
