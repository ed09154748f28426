import { TickforgeError } from '../../core/errors.js';
import type { Random } from '../../core/Random.js';
import type { ParameterDefinition } from '../../indicators/registry/IndicatorDefinition.js';
import type { Strategy } from '../../strategy/Strategy.js';

export type ParameterValue = number | string;
export type ParameterPoint = Record<string, ParameterValue>;

/** The values one parameter takes in a search, in order. */
export interface ParameterRange {
  name: string;
  values: readonly ParameterValue[];
}

/**
 * Parses a grid such as `fastPeriod=5:50:5,slowPeriod=20:200:10,type=sma|ema` against a
 * strategy's declared parameters: `start:end:step` (inclusive), a list `a|b|c`, or one value.
 * Every value is checked against the declared kind and range, so a sweep fails before its
 * first backtest. Parameters the grid leaves out keep their defaults.
 * @throws TF_ERR_STRATEGY_PARAMETER naming the parameter, the value and what is allowed
 */
export function parseGrid(strategy: Strategy, spec: string): ParameterRange[] {
  const ranges: ParameterRange[] = [];
  for (const part of spec.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const equals = part.indexOf('=');
    if (equals <= 0) fail(strategy, part, `"${part}" is not name=values (e.g. fastPeriod=5:50:5 or type=sma|ema)`);
    const name = part.slice(0, equals).trim();
    const definition = declared(strategy, name);
    const text = part.slice(equals + 1).trim();
    const values: ParameterValue[] = definition.kind === 'choice' ? text.split('|').map((v) => v.trim().toLowerCase()) : numericValues(strategy, definition, text);
    for (const value of values) checkValue(strategy, definition, value);
    if (ranges.some((range) => range.name === name)) fail(strategy, name, `${name} appears twice in the grid`);
    ranges.push({ name, values: [...new Set(values)] });
  }
  if (ranges.length === 0) fail(strategy, spec, 'the grid is empty; give name=start:end:step pairs');
  return ranges;
}

/** Every combination of the ranges, the last range varying fastest (a deterministic order). */
export function gridPoints(ranges: readonly ParameterRange[]): ParameterPoint[] {
  let points: ParameterPoint[] = [{}];
  for (const range of ranges) {
    const next: ParameterPoint[] = [];
    for (const point of points) for (const value of range.values) next.push({ ...point, [range.name]: value });
    points = next;
  }
  return points;
}

/** How many points the grid has. */
export function gridSize(ranges: readonly ParameterRange[]): number {
  return ranges.reduce((product, range) => product * range.values.length, 1);
}

/** `count` points drawn uniformly from the ranges' values, without repeats while unseen ones remain. */
export function randomPoints(ranges: readonly ParameterRange[], count: number, random: Random): ParameterPoint[] {
  const size = gridSize(ranges);
  const seen = new Set<string>();
  const points: ParameterPoint[] = [];
  while (points.length < count) {
    const point: ParameterPoint = {};
    for (const range of ranges) point[range.name] = range.values[random.nextInt(range.values.length)];
    const key = pointKey(point);
    if (seen.has(key) && seen.size < size) continue;
    seen.add(key);
    points.push(point);
  }
  return points;
}

/** A canonical text of a point, for caches and tie-breaks. */
export function pointKey(point: ParameterPoint): string {
  return Object.keys(point).sort().map((name) => `${name}=${point[name]}`).join(',');
}

function numericValues(strategy: Strategy, definition: ParameterDefinition & { kind: 'integer' | 'number' }, text: string): number[] {
  if (text.includes('|')) return text.split('|').map((v) => Number(v.trim()));
  const parts = text.split(':').map((v) => Number(v.trim()));
  if (parts.length === 1) return parts;
  const [start, end, step = definition.kind === 'integer' ? 1 : NaN] = parts;
  if (parts.length > 3 || !Number.isFinite(start) || !Number.isFinite(end) || !(step > 0) || end < start) {
    fail(strategy, definition.name, `${definition.name}=${text} is not start:end:step with start <= end and a positive step`);
  }
  const values: number[] = [];
  // Counting steps (not adding them up) keeps 0.1:0.5:0.1 free of drift.
  for (let k = 0; start + k * step <= end + step * 1e-9; k++) values.push(Number((start + k * step).toPrecision(12)));
  if (values.length > 1_000_000) fail(strategy, definition.name, `${definition.name}=${text} has ${values.length} values; use a coarser step`);
  return values;
}

function declared(strategy: Strategy, name: string): ParameterDefinition {
  const definition = strategy.parameters.find((parameter) => parameter.name === name);
  if (definition === undefined) fail(strategy, name, `unknown parameter "${name}"; its parameters are: ${strategy.parameters.map((p) => p.name).join(', ') || 'none'}`);
  return definition;
}

function checkValue(strategy: Strategy, definition: ParameterDefinition, value: ParameterValue): void {
  if (definition.kind === 'choice') {
    if (!definition.choices.includes(String(value))) fail(strategy, definition.name, `${definition.name} must be one of ${definition.choices.join(', ')}, got "${value}"`);
    return;
  }
  const number = value as number;
  if (!Number.isFinite(number) || number < definition.min || number > definition.max || (definition.kind === 'integer' && !Number.isInteger(number))) {
    fail(strategy, definition.name, `${definition.name} must be ${definition.kind === 'integer' ? 'a whole number' : 'a number'} from ${definition.min} to ${definition.max}, got ${value}`);
  }
}

function fail(strategy: Strategy, parameter: string, message: string): never {
  throw new TickforgeError('TF_ERR_STRATEGY_PARAMETER', `${strategy.name} sweep: ${message}.`, { details: { strategy: strategy.name, parameter } });
}
