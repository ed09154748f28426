import { minimize } from '../optimizer/minimize.js';
import { conditionalShocks, conditionalShocksAdjoint } from './conditionalSumOfSquaresKernel.js';
import { searchObjective, type ConstrainedObjective } from './sarimaxObjective.js';
import { reducedPolynomials, reducedPolynomialTangents, trendValue } from './sarimaxPolynomials.js';
import { unconstrainParameters, type SarimaxProblem } from './SarimaxProblem.js';

/**
 * Conditional-sum-of-squares estimates from `start` (constrained, sigma2 omitted), searched in
 * the same transformed, scaled coordinates as the exact likelihood. CSS costs a plain
 * recursion per evaluation and its optimum lies close to the exact one, so the exact search
 * that follows needs fewer of its dearer evaluations. Returns `start` when CSS fails or ends
 * outside the region.
 */
export function refineByConditionalSumOfSquares(problem: SarimaxProblem, start: Float64Array, scales: Float64Array): Float64Array {
  const { layout } = problem;
  const objective = searchObjective(layout, scales, conditionalSumOfSquares(problem));
  const unconstrainedStart = unconstrainParameters(layout, start);
  if (!unconstrainedStart.every(Number.isFinite)) return start;
  for (let i = 0; i < layout.arOffset; i++) unconstrainedStart[i] *= scales[i];
  const result = minimize(objective.value, unconstrainedStart, { gradient: objective.valueAndGradient, gradientTolerance: 1e-5, functionTolerance: 1e-10, maxIterations: 100 });
  if (!Number.isFinite(result.value) || !result.x.every(Number.isFinite)) return start;
  const refined = Float64Array.from(objective.toConstrained(result.x));
  return problem.evaluate(refined) ? refined : start;
}

/**
 * ln CSS, the log of the mean square of the shocks over t >= p' (see
 * conditionalSumOfSquaresKernel.ts), with its exact gradient by reverse mode: one backward pass
 * gives dQ/d ar and dQ/d ma whatever the number of parameters (central differences took 2k
 * passes), and with the adjoint lambda_t
 *   dQ/d w_s = lambda_s - sum_i ar_i lambda_{s+1+i},  dQ/d c_s = -lambda_{s+1}
 * for the regression and trend coefficients.
 */
export function conditionalSumOfSquares(problem: SarimaxProblem): ConstrainedObjective {
  const { layout, differenced, differencedExog } = problem;
  const k = layout.varianceOffset;
  const N = differenced.length;
  const K = problem.differencingOrder;
  const observed = new Float64Array(N);
  const intercepts = layout.trendPowers.length > 0 ? new Float64Array(N) : null;
  const shocks = new Float64Array(N);
  const adjoint = new Float64Array(N);
  const p = layout.arDegree;
  const q = layout.maDegree;
  const ar = new Float64Array(p);
  const ma = new Float64Array(q);
  const gradientAr = new Float64Array(p);
  const gradientMa = new Float64Array(q);
  // Tangent rows of the reduced polynomials per parameter (ma shifted by one, as R).
  const stride = Math.max(p, q + 1, 1);
  const dAr = new Float64Array(k * stride);
  const dR = new Float64Array(k * stride);
  const prepare = (parameters: Float64Array): void => {
    reducedPolynomials(layout, parameters, ar, ma);
    for (let t = 0; t < N; t++) {
      let value = differenced[t];
      for (let j = 0; j < layout.exogCount; j++) value -= parameters[layout.exogOffset + j] * differencedExog[j][t];
      observed[t] = value;
    }
    if (intercepts) for (let t = 0; t < N; t++) intercepts[t] = trendValue(layout, parameters, t + K);
  };
  return {
    value(parameters) {
      prepare(parameters);
      return Math.log(conditionalShocks(observed, intercepts, ar, ma, shocks) / Math.max(1, N - p));
    },
    valueAndGradient(parameters, out) {
      prepare(parameters);
      const squares = conditionalShocks(observed, intercepts, ar, ma, shocks);
      conditionalShocksAdjoint(observed, ar, ma, shocks, adjoint, gradientAr, gradientMa);
      reducedPolynomialTangents(layout, parameters, dAr, dR, stride);
      for (let d = 0; d < k; d++) {
        let sum = 0;
        for (let i = 0; i < p; i++) sum += dAr[d * stride + i] * gradientAr[i];
        for (let j = 0; j < q; j++) sum += dR[d * stride + j + 1] * gradientMa[j];
        out[d] = sum;
      }
      // Regression coefficients: dw_s = -x_s.
      for (let j = 0; j < layout.exogCount; j++) {
        const column = differencedExog[j];
        let sum = 0;
        for (let s = 0; s < N; s++) {
          let weight = adjoint[s];
          for (let i = 0; i < p && s + 1 + i < N; i++) weight -= ar[i] * adjoint[s + 1 + i];
          sum -= weight * column[s];
        }
        out[layout.exogOffset + j] = sum;
      }
      // Trend coefficients: c_s enters e_{s+1}.
      layout.trendPowers.forEach((power, i) => {
        let sum = 0;
        for (let s = 0; s + 1 < N; s++) sum -= adjoint[s + 1] * (power === 0 ? 1 : s + K + 1);
        out[layout.trendOffset + i] = sum;
      });
      for (let d = 0; d < k; d++) out[d] /= squares;
      return Math.log(squares / Math.max(1, N - p));
    },
  };
}
