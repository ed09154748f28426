import { TickforgeError } from '../../core/errors.js';
import type { IndicatorDefinition, ParameterDefinition, ParameterValues } from './IndicatorDefinition.js';

/**
 * Fills defaults and validates every parameter eagerly, before any work: an unknown name, a
 * value outside its range or a bad choice is an error naming the indicator, the parameter
 * and what is allowed.
 */
export function resolveParameters(definition: IndicatorDefinition, given: Record<string, number | string> = {}): ParameterValues {
  const known = new Map(definition.parameters.map((parameter) => [parameter.name, parameter]));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      const allowed = definition.parameters.map((p) => p.name).join(', ') || 'none';
      throw new TickforgeError('TF_ERR_INDICATOR_PARAMETER', `${definition.name}: unknown parameter "${name}"; its parameters are: ${allowed}.`, {
        details: { indicator: definition.name, parameter: name },
      });
    }
  }
  const resolved: ParameterValues = {};
  for (const parameter of definition.parameters) {
    resolved[parameter.name] = checkValue(definition.name, parameter, given[parameter.name] ?? parameter.default);
  }
  return resolved;
}

function checkValue(indicator: string, parameter: ParameterDefinition, raw: number | string): number | string {
  if (parameter.kind === 'choice') {
    const value = String(raw).toLowerCase();
    if (!parameter.choices.includes(value)) throw invalid(indicator, parameter, raw, `one of ${parameter.choices.join(', ')}`);
    return value;
  }
  const value = typeof raw === 'number' ? raw : Number(raw);
  const range = `${parameter.kind === 'integer' ? 'a whole number' : 'a number'} from ${parameter.min} to ${parameter.max}`;
  if (!Number.isFinite(value) || value < parameter.min || value > parameter.max || (parameter.kind === 'integer' && !Number.isInteger(value))) {
    throw invalid(indicator, parameter, raw, range);
  }
  return value;
}

function invalid(indicator: string, parameter: ParameterDefinition, value: unknown, allowed: string): TickforgeError {
  return new TickforgeError('TF_ERR_INDICATOR_PARAMETER', `${indicator}: ${parameter.name} must be ${allowed}, got ${JSON.stringify(value)}.`, {
    details: { indicator, parameter: parameter.name, value, allowed },
  });
}
