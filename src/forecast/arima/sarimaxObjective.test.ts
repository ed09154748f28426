import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareSarimaxData } from './prepareSarimaxData.js';
import { conditionalSumOfSquares } from './refineByConditionalSumOfSquares.js';
import { sarimaxObjective, searchObjective, type SarimaxObjective } from './sarimaxObjective.js';
import { SarimaxProblem } from './SarimaxProblem.js';
import { resolveSarimaxLayout, type SarimaxOptions } from './SarimaxSpecification.js';
import { constrainStationary, constrainStationaryWithJacobian } from './stationaryTransform.js';

/*
 * The analytic gradients (the Kalman filter's derivative recursions and their adjoint in
 * ArmaKalmanGradient.ts, the CSS adjoint, the transform's Jacobian) against fourth-order
 * central differences of the same objectives, which share no code with them: relative 1e-6 of
 * the gradient's largest entry, on models with every kind of parameter.
 */
const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test', 'fixtures');
const column = (file: string): Float64Array =>
  Float64Array.from(readFileSync(join(fixtures, file), 'utf8').trim().split('\n').slice(1), (line) => Math.log(Number(line.split(',')[1])));
const air = column('arima/airpassengers_monthly.csv');
const nvda = column('arima/nvda_close_first2000.csv').slice(0, 400);
const regressor = Float64Array.from({ length: nvda.length }, (_, t) => Math.sin(t / 7) + 0.01 * t);

const models: Array<[string, Float64Array, SarimaxOptions]> = [
  ['ARIMA(2,1,2)', nvda, { order: [2, 1, 2] }],
  ['airline', air, { order: [0, 1, 1], seasonalOrder: [0, 1, 1, 12] }],
  ['SARIMA(1,1,1)(1,1,1,12) with an intercept', air, { order: [1, 1, 1], seasonalOrder: [1, 1, 1, 12], trend: 'c' }],
  ['AR(2) with intercept and drift', air, { order: [2, 0, 0], trend: 'ct' }],
  ['ARMA(1,1) with an intercept and a regressor', nvda, { order: [1, 0, 1], trend: 'c', exog: [regressor] }],
  ['ARIMA(2,1,1) with a drift and a regressor', nvda, { order: [2, 1, 1], trend: 't', exog: [regressor] }],
  ['ARIMA(2,1,1) without enforced stationarity', nvda, { order: [2, 1, 1], trend: 'c', enforceStationarity: false, enforceInvertibility: false }],
];

function problemFor(series: Float64Array, options: SarimaxOptions): SarimaxProblem {
  const layout = resolveSarimaxLayout(options, options.exog?.length ?? 0);
  const { y, x } = prepareSarimaxData(series, options.exog, layout);
  return new SarimaxProblem(layout, y, x);
}

function expectGradientMatchesDifferences(objective: SarimaxObjective, z: Float64Array): void {
  const analytic = new Float64Array(z.length);
  const value = objective.valueAndGradient(z, analytic);
  expect(value).toBe(objective.value(z));
  const numeric = Array.from(z, (zi, i) => {
    const h = 1e-4 * Math.max(1, Math.abs(zi));
    const at = (step: number): number => {
      const probe = Float64Array.from(z);
      probe[i] = zi + step;
      return objective.value(probe);
    };
    return (8 * (at(h) - at(-h)) - (at(2 * h) - at(-2 * h))) / (12 * h);
  });
  const size = Math.max(...numeric.map(Math.abs));
  numeric.forEach((expected, i) => expect(Math.abs(analytic[i] - expected)).toBeLessThan(1e-6 * size));
}

describe.each(models)('analytic SARIMAX gradients: %s', (_, series, options) => {
  const problem = problemFor(series, options);
  const k = problem.layout.varianceOffset;
  const scales = Float64Array.from({ length: k }, (_, i) => 1 + 0.3 * i);
  const points = [0.2, -0.35].map((seed) => Float64Array.from({ length: k }, (_, i) => seed * Math.cos(i + 3 * seed) + (i < problem.layout.arOffset ? 0.01 : 0)));

  it('of the exact likelihood match central differences', () => {
    for (const z of points) expectGradientMatchesDifferences(sarimaxObjective(problem, scales), z);
  });

  it('of the conditional sum of squares match central differences', () => {
    for (const z of points) expectGradientMatchesDifferences(searchObjective(problem.layout, scales, conditionalSumOfSquares(problem)), z);
  });

  it('per observation (dv_t, dF_t) match central differences and add up to the gradient', () => {
    const T = problem.differenced.length;
    const parameters = sarimaxObjective(problem, scales).toConstrained(points[0]).slice();
    const dv = new Float64Array(T * k);
    const dF = new Float64Array(T * k);
    problem.evaluateGradient(parameters, dv, dF);
    const forward = Float64Array.from(problem.gradient.dSumSquares);
    problem.evaluateGradient(parameters);
    forward.forEach((value, i) => expect(Math.abs(value - problem.gradient.dSumSquares[i])).toBeLessThan(1e-9 * Math.max(1, Math.abs(value))));
    const [vPlus, fPlus, vMinus, fMinus] = [0, 1, 2, 3].map(() => new Float64Array(T));
    for (let i = 0; i < k; i++) {
      const h = 1e-6 * Math.max(1, Math.abs(parameters[i]));
      const probe = Float64Array.from(parameters);
      probe[i] = parameters[i] + h;
      problem.evaluate(probe, vPlus, fPlus);
      probe[i] = parameters[i] - h;
      problem.evaluate(probe, vMinus, fMinus);
      for (let t = problem.burn; t < T; t++) {
        expect(Math.abs((vPlus[t] - vMinus[t]) / (2 * h) - dv[t * k + i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(dv[t * k + i])));
        expect(Math.abs((fPlus[t] - fMinus[t]) / (2 * h) - dF[t * k + i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(dF[t * k + i])));
      }
    }
  });
});

describe('constrainStationaryWithJacobian', () => {
  it('gives constrainStationary and its Jacobian (central differences)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 1, maxLength: 5 }), (x) => {
        const n = x.length;
        const values = new Float64Array(n);
        const jacobian = new Float64Array(n * n);
        constrainStationaryWithJacobian(x, values, jacobian);
        const reference = constrainStationary(x);
        for (let i = 0; i < n; i++) expect(values[i]).toBe(reference[i]);
        for (let j = 0; j < n; j++) {
          const h = 1e-6;
          const plus = constrainStationary(x.map((value, l) => (l === j ? value + h : value)));
          const minus = constrainStationary(x.map((value, l) => (l === j ? value - h : value)));
          for (let i = 0; i < n; i++) expect(Math.abs((plus[i] - minus[i]) / (2 * h) - jacobian[i * n + j])).toBeLessThan(1e-6);
        }
      }),
    );
  });
});
