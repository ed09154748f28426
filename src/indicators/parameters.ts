import { TickforgeError } from '../core/errors.js';

/**
 * Eager checks for indicator arguments. Every message names the indicator, the parameter,
 * the value and the allowed range, as the registry documents them.
 */
export function assertInteger(indicator: string, name: string, value: number, min: number, max = 100_000): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TickforgeError('TF_ERR_INDICATOR_PARAMETER', `${indicator}: ${name} must be a whole number from ${min} to ${max}, got ${value}.`, {
      details: { indicator, parameter: name, value, min, max },
    });
  }
}

export function assertNumber(indicator: string, name: string, value: number, min: number, max: number): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new TickforgeError('TF_ERR_INDICATOR_PARAMETER', `${indicator}: ${name} must be a finite number from ${min} to ${max}, got ${value}.`, {
      details: { indicator, parameter: name, value, min, max },
    });
  }
}

/** Inputs of one bar series must have one length; returns it. */
export function assertSameLength(indicator: string, inputs: Record<string, Float64Array>): number {
  const entries = Object.entries(inputs);
  const length = entries[0][1].length;
  for (const [name, input] of entries) {
    if (input.length !== length) {
      const lengths = entries.map(([n, a]) => `${n} ${a.length}`).join(', ');
      throw new TickforgeError('TF_ERR_INDICATOR_INPUT', `${indicator}: inputs must have equal lengths, got ${lengths}. Pass columns of one Bars.`, {
        details: { indicator, input: name },
      });
    }
  }
  return length;
}

/** `out` when given (checked for length), else a new array. */
export function outputArray(indicator: string, length: number, out?: Float64Array): Float64Array {
  if (out === undefined) return new Float64Array(length);
  if (out.length !== length) {
    throw new TickforgeError('TF_ERR_INDICATOR_INPUT', `${indicator}: out has length ${out.length} but the input has ${length}; pass an output of the input's length.`, {
      details: { indicator },
    });
  }
  return out;
}

/**
 * The outputs of a multi-output indicator: each given array (checked for length) and, for the
 * missing ones, views of one new buffer (`length` values each, consecutive), so that a call
 * without `out` allocates once. Several separate allocations of a large output cost far more
 * than one of their total size (two 8 MB outputs: 7.9 ns/bar against 2.6, filling included),
 * because freed memory of one size is reused where several fresh ones are faulted in page by
 * page. The views never overlap; they share `.buffer` (read them with their byteOffset).
 */
export function outputArrays(indicator: string, length: number, given: ReadonlyArray<Float64Array | undefined>): Float64Array[] {
  let missing = 0;
  for (const out of given) if (out === undefined) missing++;
  const shared = missing > 0 ? new Float64Array(length * missing) : undefined;
  let next = 0;
  return given.map((out) => {
    if (out !== undefined) return outputArray(indicator, length, out);
    const view = shared!.subarray(next * length, (next + 1) * length);
    next++;
    return view;
  });
}
