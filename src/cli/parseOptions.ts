import { InvalidArgumentError } from 'commander';
import { Timeframe } from '../core/Timeframe.js';
import { parseTime } from '../core/time.js';
import { isTickforgeError } from '../core/errors.js';

/** Commander argument parsers that turn bad input into a usage error naming the option. */
export function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError(`"${value}" is not a positive whole number.`);
  return number;
}

export function nonNegativeInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new InvalidArgumentError(`"${value}" is not a whole number of 0 or more.`);
  return number;
}

export function integer(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number)) throw new InvalidArgumentError(`"${value}" is not a whole number.`);
  return number;
}

export function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError(`"${value}" is not a positive number.`);
  return number;
}

export function timeframe(value: string): Timeframe {
  return rethrowAsUsage(() => Timeframe.parse(value));
}

export function instant(value: string): number {
  return rethrowAsUsage(() => parseTime(value));
}

export function symbolList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter((s) => s !== '')];
}

export function choice<T extends string>(allowed: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(allowed as readonly string[]).includes(value)) throw new InvalidArgumentError(`"${value}" is not one of: ${allowed.join(', ')}.`);
    return value as T;
  };
}

function rethrowAsUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (isTickforgeError(error)) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

export function nonNegativeNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) throw new InvalidArgumentError(`"${value}" is not a number >= 0.`);
  return number;
}

/** A comma-separated list of exactly `count` whole numbers of 0 or more, e.g. "2,1,2" for an ARIMA order. */
export function integerTuple(count: number, what: string): (value: string) => number[] {
  return (value) => {
    const parts = value.split(',').map((part) => part.trim());
    const numbers = parts.map(Number);
    if (parts.length !== count || numbers.some((number, i) => parts[i] === '' || !Number.isInteger(number) || number < 0)) {
      throw new InvalidArgumentError(`"${value}" is not ${count} whole numbers of 0 or more separated by commas (${what}).`);
    }
    return numbers;
  };
}
