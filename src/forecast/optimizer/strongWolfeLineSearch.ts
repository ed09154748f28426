/** One evaluated point on the search line: phi(step) and its slope phi'(step) = g(x + step d)'d. */
export interface LinePoint {
  step: number;
  value: number;
  slope: number;
}

export interface LineSearchOptions {
  /** Armijo constant c1: accept only phi(a) <= phi(0) + c1 a phi'(0). */
  sufficientDecrease?: number;
  /** Curvature constant c2: accept only |phi'(a)| <= c2 |phi'(0)| (strong Wolfe). */
  curvature?: number;
  /** The largest step allowed (the first bound the direction reaches); Infinity when none. */
  maxStep?: number;
  /** Evaluations of phi before giving up. */
  maxEvaluations?: number;
}

export type LineSearchOutcome =
  /** Both strong Wolfe conditions hold. */
  | 'wolfe'
  /** The step reached `maxStep` with sufficient decrease while still descending: a bound became active. */
  | 'max-step'
  /** Only sufficient decrease holds (the bracket shrank to rounding or evaluations ran out); still progress. */
  | 'sufficient-decrease'
  /** No step with sufficient decrease was found. */
  | 'failed';

export interface LineSearchResult extends LinePoint {
  outcome: LineSearchOutcome;
  evaluations: number;
}

/**
 * Strong-Wolfe line search: bracketing then zoom with safeguarded cubic interpolation
 * (Nocedal and Wright, Numerical Optimization, 2nd ed., Algorithms 3.5 and 3.6).
 *
 * Two additions the textbook version lacks, both needed for likelihoods:
 * - a non-finite phi (NaN or Infinity, e.g. a variance gone negative, a constraint broken) is
 *   treated as "too far": the step backs off towards the last finite point instead of the
 *   interpolation being poisoned by NaN;
 * - a `maxStep` (the distance to the nearest bound along the direction): when the function is
 *   still decreasing there, that step is accepted, which is how a bound becomes active.
 *
 * `evaluate(step)` must return phi and phi' at the step; the caller keeps the gradient of the
 * last evaluated point, and the accepted point is always the last one evaluated unless the
 * outcome is 'sufficient-decrease' or 'failed', when the caller must check `step`.
 */
export function strongWolfeLineSearch(
  evaluate: (step: number) => LinePoint,
  value0: number,
  slope0: number,
  initialStep: number,
  options: LineSearchOptions = {},
): LineSearchResult {
  const c1 = options.sufficientDecrease ?? 1e-4;
  const c2 = options.curvature ?? 0.9;
  const maxStep = options.maxStep ?? Infinity;
  const maxEvaluations = options.maxEvaluations ?? 40;
  let evaluations = 0;
  const origin: LinePoint = { step: 0, value: value0, slope: slope0 };
  const armijo = (point: LinePoint): boolean => point.value <= value0 + c1 * point.step * slope0;
  const curvatureHolds = (point: LinePoint): boolean => Math.abs(point.slope) <= -c2 * slope0;
  const finite = (point: LinePoint): boolean => Number.isFinite(point.value) && Number.isFinite(point.slope);
  const done = (point: LinePoint, outcome: LineSearchOutcome): LineSearchResult => ({ ...point, outcome, evaluations });

  let previous = origin;
  let step = Math.min(initialStep, maxStep);
  if (!(step > 0)) return done(origin, 'failed');
  // The smallest step known to give a non-finite phi: never extrapolate past it.
  let nonFiniteStep = Infinity;
  while (evaluations < maxEvaluations) {
    const current = evaluate(step);
    evaluations++;
    if (!finite(current)) {
      // Back off halfway towards the last finite point.
      nonFiniteStep = step;
      step = previous.step + 0.5 * (step - previous.step);
      if (step - previous.step <= 1e-16 * Math.max(1, step)) break;
      continue;
    }
    if (!armijo(current) || (previous.step > 0 && current.value >= previous.value)) {
      return zoom(previous, current);
    }
    if (curvatureHolds(current)) return done(current, 'wolfe');
    if (current.slope >= 0) return zoom(current, previous);
    if (step >= maxStep) return done(current, 'max-step');
    previous = current;
    // Once a non-finite region was met ahead, creep (not leap) towards it.
    const next = Number.isFinite(nonFiniteStep) ? step + 0.5 * (nonFiniteStep - step) : 4 * step;
    step = Math.min(maxStep, next);
  }
  return previous.step > 0 ? done(previous, 'sufficient-decrease') : done(origin, 'failed');

  /** Algorithm 3.6: `low` satisfies sufficient decrease with the lowest value seen; the minimiser lies between. */
  function zoom(lowStart: LinePoint, highStart: LinePoint): LineSearchResult {
    let low = lowStart;
    let high = highStart;
    while (evaluations < maxEvaluations) {
      const width = high.step - low.step;
      if (Math.abs(width) <= 1e-15 * Math.max(1, Math.abs(low.step))) break;
      const step = interpolate(low, high);
      const trial = evaluate(step);
      evaluations++;
      if (!finite(trial)) {
        high = { step, value: Infinity, slope: NaN };
        continue;
      }
      if (!armijo(trial) || trial.value >= low.value) {
        high = trial;
      } else {
        if (curvatureHolds(trial)) return done(trial, 'wolfe');
        if (trial.slope * (high.step - low.step) >= 0) high = low;
        low = trial;
      }
    }
    return low.step > 0 ? done(low, 'sufficient-decrease') : done(origin, 'failed');
  }
}

/**
 * The minimiser of the cubic through (a, fa, da) and (b, fb, db), kept at least 10% of the
 * interval away from either end; bisection when the high end is non-finite or the cubic has
 * no real minimiser (Nocedal and Wright, eq. 3.59).
 */
function interpolate(a: LinePoint, b: LinePoint): number {
  const lower = Math.min(a.step, b.step);
  const upper = Math.max(a.step, b.step);
  const margin = 0.1 * (upper - lower);
  const middle = 0.5 * (a.step + b.step);
  if (!Number.isFinite(b.value) || !Number.isFinite(b.slope)) return middle;
  const d1 = a.slope + b.slope - (3 * (a.value - b.value)) / (a.step - b.step);
  const radicand = d1 * d1 - a.slope * b.slope;
  if (!(radicand >= 0)) return middle;
  const d2 = Math.sign(b.step - a.step) * Math.sqrt(radicand);
  const candidate = b.step - ((b.step - a.step) * (b.slope + d2 - d1)) / (b.slope - a.slope + 2 * d2);
  if (!Number.isFinite(candidate) || candidate < lower + margin || candidate > upper - margin) return middle;
  return candidate;
}
