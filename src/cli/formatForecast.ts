import type { ForecastOutcome } from '../forecast/ForecastOutcome.js';
import { normalCdf } from '../forecast/special/normalDistribution.js';
import type { SeriesTransform } from '../forecast/transformSeries.js';
import { formatTable } from './formatTable.js';

export interface ForecastPrintContext {
  /** Where the series came from ("file column close"). */
  label: string;
  transform: SeriesTransform;
  /** Times of the forecast steps, when the series has times. */
  times?: Float64Array;
}

const round = (value: number) => (Number.isFinite(value) ? Number(value.toPrecision(8)) : value);
const stamp = (time: number) => new Date(time).toISOString().replace('T00:00:00.000Z', '').replace(':00.000Z', 'Z');

/** The fit and forecast as the terminal shows them: parameters with standard errors, fit statistics, diagnostics, the forecast table. */
export function formatForecast(outcome: ForecastOutcome, context: ForecastPrintContext): string {
  const lines: string[] = [];
  lines.push(`${outcome.model} on ${context.label}${context.transform === 'none' ? '' : ` (${context.transform})`}, ${outcome.observations} observations`);
  if (outcome.parameters.length > 0) {
    // Models without standard errors (SSA's residual AR) print the estimates alone, not columns of NaN.
    if (outcome.parameters.every((parameter) => Number.isNaN(parameter.standardError))) {
      lines.push('', formatTable(['parameter', 'estimate'], outcome.parameters.map((parameter) => [parameter.name, round(parameter.estimate)])));
    } else {
      const rows = outcome.parameters.map((parameter) => {
        const z = parameter.estimate / parameter.standardError;
        return [parameter.name, round(parameter.estimate), round(parameter.standardError), round(z), round(2 * (1 - normalCdf(Math.abs(z))))];
      });
      lines.push('', formatTable(['parameter', 'estimate', 'std err', 'z', 'P>|z|'], rows));
    }
  }
  if (Number.isFinite(outcome.logLikelihood)) {
    lines.push('', `log-likelihood ${round(outcome.logLikelihood)}   AIC ${round(outcome.aic)}   BIC ${round(outcome.bic)}   HQIC ${round(outcome.hqic)}`);
  }
  if (outcome.ljungBox !== undefined && outcome.ljungBox.length > 0) {
    lines.push('', 'Ljung-Box test of the residuals', formatTable(['lag', 'Q', 'df', 'p-value'], outcome.ljungBox.map((row) => [row.lag, round(row.statistic), row.degreesOfFreedom, round(row.pValue)])));
  }
  if (outcome.members !== undefined) {
    lines.push('', 'Ensemble members', formatTable(['member', 'weight', 'step-1 forecast', 'contribution'], outcome.members.map((member) => [member.name, round(member.weight), round(member.mean[0]), round(member.contribution[0])])));
  }
  const percent = `${Math.round(outcome.level * 1000) / 10}%`;
  const headers = ['step', ...(context.times ? ['time'] : []), 'mean', 'std err', `lower ${percent}`, `upper ${percent}`];
  if (outcome.volatility) headers.push('volatility');
  const valueAtRisk = outcome.valueAtRisk ?? [];
  for (const entry of valueAtRisk) headers.push(`VaR ${Math.round(entry.level * 1000) / 10}%`);
  if (context.transform === 'log') headers.push('exp(mean)');
  const rows = Array.from(outcome.mean, (mean, h) => {
    const row: (string | number)[] = [h + 1];
    if (context.times) row.push(stamp(context.times[h]));
    row.push(round(mean), round(outcome.standardError[h]), round(outcome.lower[h]), round(outcome.upper[h]));
    if (outcome.volatility) row.push(round(outcome.volatility[h]));
    for (const entry of valueAtRisk) row.push(round(entry.values[h]));
    if (context.transform === 'log') row.push(round(Math.exp(mean)));
    return row;
  });
  lines.push('', `Forecast, ${outcome.horizon} steps`, formatTable(headers, rows));
  return `${lines.join('\n')}\n`;
}
