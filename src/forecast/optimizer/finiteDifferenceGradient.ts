/** Cube root of the double epsilon: the step that balances truncation and rounding for central differences. */
export const centralDifferenceStep = Math.cbrt(2.220446049250313e-16);

export interface FiniteDifferenceOptions {
  /** Relative step: h_i = relativeStep * max(|x_i|, typicalSize). */
  relativeStep?: number;
  /** The size below which a coordinate counts as zero for the step (default 1, as SciPy's `approx_derivative`). */
  typicalSize?: number;
  /** Bounds: a central difference that would cross one becomes a one-sided second-order difference. */
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
}

/**
 * Gradient of `objective` at `x` by central differences with a relative step, written into
 * `out`; returns the number of evaluations. Near a bound the difference turns one-sided with
 * the three-point formula (-3f(x) + 4f(x+h) - f(x+2h)) / 2h, still second order, so a
 * likelihood is never evaluated outside its domain (a negative variance parameter) just to
 * measure a slope. `value` is f(x), already known to the caller.
 */
export function finiteDifferenceGradient(
  objective: (x: Float64Array) => number,
  x: Float64Array,
  value: number,
  out: Float64Array,
  options: FiniteDifferenceOptions = {},
): number {
  const relativeStep = options.relativeStep ?? centralDifferenceStep;
  const typicalSize = options.typicalSize ?? 1;
  const probe = Float64Array.from(x);
  let evaluations = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    let h = relativeStep * Math.max(Math.abs(xi), typicalSize);
    // Make the step exactly representable so (x + h) - x == h.
    h = xi + h - xi;
    const lower = options.lower?.[i] ?? -Infinity;
    const upper = options.upper?.[i] ?? Infinity;
    const forwardFits = xi + 2 * h <= upper;
    const backwardFits = xi - 2 * h >= lower;
    if (xi + h <= upper && xi - h >= lower) {
      probe[i] = xi + h;
      const forward = objective(probe);
      probe[i] = xi - h;
      const backward = objective(probe);
      evaluations += 2;
      out[i] = (forward - backward) / (2 * h);
    } else if (forwardFits || !backwardFits) {
      probe[i] = xi + h;
      const one = objective(probe);
      probe[i] = xi + 2 * h;
      const two = objective(probe);
      evaluations += 2;
      out[i] = (-3 * value + 4 * one - two) / (2 * h);
    } else {
      probe[i] = xi - h;
      const one = objective(probe);
      probe[i] = xi - 2 * h;
      const two = objective(probe);
      evaluations += 2;
      out[i] = (3 * value - 4 * one + two) / (2 * h);
    }
    probe[i] = xi;
  }
  return evaluations;
}
