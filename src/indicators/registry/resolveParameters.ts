import { TickforgeError } from '../../core/errors.js';
import type { ErrorCode } from '../../core/errors.js';
import type { IndicatorDefinition, ParameterDefinition, ParameterValues } from './IndicatorDefinition.js';

/** Anything with named, declared parameters: an indicator, a strategy. */
export type ParameterOwner = Pick<IndicatorDefinition, 'name' | 'parameters'>;

/**
 * Fills defaults and validates every parameter eagerly, before any work: an unknown name, a
 * value outside its range or a bad choice is an error naming the indicator, the parameter
 * and what is allowed.
 */
export function resolveParameters(definition: ParameterOwner, given: Record<string, number | string> = {}, code: ErrorCode = 'TF_ERR_INDICATOR_PARAMETER'): ParameterValues {
  const known = new Map(definition.parameters.map((parameter) => [parameter.name, parameter]));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      const allowed = definition.parameters.map((p) => p.name).join(', ') || 'none';
      throw new TickforgeError(code, `${definition.name}: unknown parameter "${name}"; its parameters are: ${allowed}.`, {
        details: { owner: definition.name, parameter: name },
      });
    }
  }
  const resolved: ParameterValues = {};
  for (const parameter of definition.parameters) {
    resolved[parameter.name] = checkValue(definition.name, parameter, given[parameter.name] ?? parameter.default, code);
  }
  return resolved;
}

function checkValue(owner: string, parameter: ParameterDefinition, raw: number | string, code: ErrorCode): number | string {
  if (parameter.kind === 'choice') {
    const value = String(raw).toLowerCase();
    if (!parameter.choices.includes(value)) throw invalid(owner, parameter, raw, `one of ${parameter.choices.join(', ')}`, code);
    return value;
  }
  const value = typeof raw === 'number' ? raw : Number(raw);
  const range = `${parameter.kind === 'integer' ? 'a whole number' : 'a number'} from ${parameter.min} to ${parameter.max}`;
  if (!Number.isFinite(value) || value < parameter.min || value > parameter.max || (parameter.kind === 'integer' && !Number.isInteger(value))) {
    throw invalid(owner, parameter, raw, range, code);
  }
  return value;
}

function invalid(owner: string, parameter: ParameterDefinition, value: unknown, allowed: string, code: ErrorCode): TickforgeError {
  return new TickforgeError(code, `${owner}: ${parameter.name} must be ${allowed}, got ${JSON.stringify(value)}.`, {
    details: { owner, parameter: parameter.name, value, allowed },
  });
}
