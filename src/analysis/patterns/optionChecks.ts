import { TickforgeError } from '../../core/errors.js';

/** Eager checks of analysis options: each throws TF_ERR_CORE_ARGUMENT_INVALID naming the option, the value and what is allowed. */
export class OptionChecks {
  constructor(private readonly subject: string) {}

  fail(name: string, value: unknown, allowed: string): never {
    throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `${this.subject} option ${name} must be ${allowed}, got ${describe(value)}.`, {
      details: { option: name, value },
    });
  }

  integer(name: string, value: unknown, min: number, max: number): void {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) this.fail(name, value, `a whole number from ${min} to ${max}`);
  }

  /** A finite number in [min, max] (`max` Infinity: no upper bound). */
  number(name: string, value: unknown, min: number, max = Infinity): void {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      this.fail(name, value, max === Infinity ? `a finite number >= ${min}` : `a number from ${min} to ${max}`);
    }
  }

  /** A finite number above `min` and at most `max`. */
  above(name: string, value: unknown, min: number, max: number): void {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= min || value > max) this.fail(name, value, `a number above ${min} and at most ${max}`);
  }

  choice(name: string, value: unknown, allowed: readonly string[]): void {
    if (typeof value !== 'string' || !allowed.includes(value)) this.fail(name, value, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value === undefined ? 'undefined' : JSON.stringify(value);
}
