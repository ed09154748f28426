import { minimize } from '../optimizer/minimize.js';
import { reducedPolynomials, trendValue } from './sarimaxPolynomials.js';
import { constrainParameters, unconstrainParameters, type SarimaxProblem } from './SarimaxProblem.js';
import { conditionalSumOfSquaresObjective } from './sarimaxStartingValues.js';

/**
 * Conditional-sum-of-squares estimates from `start` (constrained, sigma2 omitted), searched in
 * the same transformed, scaled coordinates as the exact likelihood. CSS costs a plain
 * recursion per evaluation and its optimum lies close to the exact one, so the exact search
 * that follows needs fewer of its dearer evaluations. Returns `start` when CSS fails or ends
 * outside the region.
 */
export function refineByConditionalSumOfSquares(problem: SarimaxProblem, start: Float64Array, scales: Float64Array): Float64Array {
  const { layout, differenced, differencedExog } = problem;
  const k = layout.varianceOffset;
  const N = differenced.length;
  const K = problem.differencingOrder;
  const observed = new Float64Array(N);
  const intercepts = layout.trendPowers.length > 0 ? new Float64Array(N) : null;
  const shocks = new Float64Array(N);
  const ar = new Float64Array(layout.arDegree);
  const ma = new Float64Array(layout.maDegree);
  const constrained = new Float64Array(k);
  const toConstrained = (z: Float64Array): Float64Array => {
    const unscaled = Float64Array.from(z, (value, i) => (i < layout.arOffset ? value / scales[i] : value));
    return constrainParameters(layout, unscaled, constrained);
  };
  const objective = (z: Float64Array): number => {
    const parameters = toConstrained(z);
    reducedPolynomials(layout, parameters, ar, ma);
    for (let t = 0; t < N; t++) {
      let value = differenced[t];
      for (let j = 0; j < layout.exogCount; j++) value -= parameters[layout.exogOffset + j] * differencedExog[j][t];
      observed[t] = value;
    }
    if (intercepts) for (let t = 0; t < N; t++) intercepts[t] = trendValue(layout, parameters, t + K);
    return Math.log(conditionalSumOfSquaresObjective(observed, intercepts, ar, ma, shocks));
  };
  const unconstrainedStart = unconstrainParameters(layout, start);
  if (!unconstrainedStart.every(Number.isFinite)) return start;
  for (let i = 0; i < layout.arOffset; i++) unconstrainedStart[i] *= scales[i];
  const result = minimize(objective, unconstrainedStart, { gradientTolerance: 1e-5, functionTolerance: 1e-10, maxIterations: 100 });
  if (!Number.isFinite(result.value) || !result.x.every(Number.isFinite)) return start;
  const refined = Float64Array.from(toConstrained(result.x));
  return problem.evaluate(refined) ? refined : start;
}
