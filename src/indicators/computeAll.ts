import type { BarColumns } from '../core/Bars.js';
import { TickforgeError } from '../core/errors.js';
import type { ComputeContext, IndicatorDefinition, InputName, ParameterValues } from './registry/IndicatorDefinition.js';
import { findIndicator } from './registry/registry.js';
import { resolveParameters } from './registry/resolveParameters.js';

/** One indicator of a plan: its registry name, parameters (defaults for the rest) and an optional column prefix. */
export interface PlanEntry {
  name: string;
  parameters?: Record<string, number | string>;
  /** Prefix of the output columns; default `<name>` plus the non-default parameters, e.g. `sma_20`. */
  as?: string;
}

/** A plan validated against the registry: safe to run over many series (checked once, up front). */
export interface ResolvedPlan {
  entries: Array<{ definition: IndicatorDefinition; parameters: ParameterValues; prefix: string }>;
  /** Output column names, in plan order. */
  columns: string[];
}

/**
 * Checks every entry of a plan (names, parameters, duplicate columns) before any work.
 * @throws TF_ERR_INDICATOR_UNKNOWN, TF_ERR_INDICATOR_PARAMETER
 */
export function resolvePlan(plan: readonly PlanEntry[]): ResolvedPlan {
  const entries = plan.map((entry) => {
    const definition = findIndicator(entry.name);
    const parameters = resolveParameters(definition, entry.parameters);
    return { definition, parameters, prefix: entry.as ?? defaultPrefix(definition, parameters) };
  });
  const columns = entries.flatMap(({ definition, prefix }) => columnNames(definition, prefix));
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column)) {
      throw new TickforgeError('TF_ERR_INDICATOR_PARAMETER', `The plan produces the column "${column}" twice; give one of its entries another "as" prefix.`, { details: { column } });
    }
    seen.add(column);
  }
  return { entries, columns };
}

/** `sma` with period 20 -> `sma_20`; defaults are left out, choices included as given. */
function defaultPrefix(definition: IndicatorDefinition, parameters: ParameterValues): string {
  const parts = definition.parameters.filter((p) => parameters[p.name] !== p.default).map((p) => String(parameters[p.name]));
  return [definition.name, ...parts].join('_');
}

function columnNames(definition: IndicatorDefinition, prefix: string): string[] {
  return definition.outputs.length === 1 ? [prefix] : definition.outputs.map((output) => `${prefix}.${output}`);
}

/**
 * Computes every indicator of a plan over one series, sharing intermediates: indicators that
 * need the same computation (MACD and EMA(12), Bollinger and SMA(20), ATR, NATR and ADX's
 * true range) get it computed once, through `ComputeContext.shared`. Returns the output
 * columns by name, in plan order, each of the input's length.
 */
export function computeAll(bars: BarColumns, plan: readonly PlanEntry[] | ResolvedPlan, options: ComputeAllOptions = {}): Map<string, Float64Array> {
  const resolved = Array.isArray(plan) ? resolvePlan(plan as readonly PlanEntry[]) : (plan as ResolvedPlan);
  const memo = options.memo ?? new Map<string, Float64Array | Float64Array[]>();
  const context: ComputeContext = {
    length: bars.time.length,
    input: (name: InputName) => bars[name],
    shared(key, compute) {
      let value = memo.get(key) as Float64Array | undefined;
      if (value === undefined) {
        value = compute();
        memo.set(key, value);
      }
      return value;
    },
  };
  const result = new Map<string, Float64Array>();
  for (const { definition, parameters, prefix } of resolved.entries) {
    // Whole entries are memoised too, so a sweep's grid computes each distinct indicator once.
    const key = `entry:${definition.name}:${JSON.stringify(parameters)}`;
    let outputs = memo.get(key) as Float64Array[] | undefined;
    if (outputs === undefined) {
      outputs = definition.compute(context, parameters);
      memo.set(key, outputs);
    }
    const names = columnNames(definition, prefix);
    names.forEach((name, index) => result.set(name, outputs[index]));
  }
  return result;
}

export interface ComputeAllOptions {
  /**
   * Results shared between calls over the same bars (a sweep's grid points, several
   * strategies): intermediates and whole entries computed once. Never share one memo between
   * different bars. Returned columns may then be shared by several results: do not write to them.
   */
  memo?: Map<string, Float64Array | Float64Array[]>;
}
