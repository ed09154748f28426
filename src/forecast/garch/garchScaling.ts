import type { GarchLayout } from './GarchSpecification.js';

/*
 * The fit runs on y / c with c the root mean square of the starting residuals, so every
 * parameter is of order one for the optimiser's tolerances and first step, whatever the units
 * of the returns (decimal returns give omega ~ 1e-6, percent returns ~ 1e-2). The model is
 * scale-equivariant, so this changes nothing but rounding: for y = c y_s,
 * mean constants scale by c, AR coefficients, alpha, gamma, beta and nu are unchanged, a
 * GARCH omega scales by c^2 and an EGARCH omega shifts by 2 ln c (1 - sum beta).
 */

/** Parameters on the scaled series -> parameters on the original series. */
export function unscaleParameters(layout: GarchLayout, scaled: ArrayLike<number>, scale: number): Float64Array {
  const original = Float64Array.from(scaled);
  if (layout.meanCount > 0) original[0] = scaled[0] * scale;
  const omega = layout.varianceOffset;
  if (layout.volatility === 'egarch') original[omega] = scaled[omega] + 2 * Math.log(scale) * (1 - betaSum(layout, scaled));
  else original[omega] = scaled[omega] * scale * scale;
  return original;
}

/** Parameters on the original series -> parameters on the scaled series (the inverse of unscaleParameters). */
export function scaleParameters(layout: GarchLayout, original: ArrayLike<number>, scale: number): Float64Array {
  const scaled = Float64Array.from(original);
  if (layout.meanCount > 0) scaled[0] = original[0] / scale;
  const omega = layout.varianceOffset;
  if (layout.volatility === 'egarch') scaled[omega] = original[omega] - 2 * Math.log(scale) * (1 - betaSum(layout, original));
  else scaled[omega] = original[omega] / (scale * scale);
  return scaled;
}

/** Row-major Jacobian d(original)/d(scaled) of unscaleParameters, for carrying covariances over. */
export function unscaleJacobian(layout: GarchLayout, scale: number): Float64Array {
  const K = layout.count;
  const jacobian = new Float64Array(K * K);
  for (let i = 0; i < K; i++) jacobian[i * K + i] = 1;
  if (layout.meanCount > 0) jacobian[0] = scale;
  const omega = layout.varianceOffset;
  if (layout.volatility === 'egarch') {
    const betaAt = omega + 1 + layout.p + layout.o;
    for (let j = 0; j < layout.q; j++) jacobian[omega * K + betaAt + j] = -2 * Math.log(scale);
  } else {
    jacobian[omega * K + omega] = scale * scale;
  }
  return jacobian;
}

function betaSum(layout: GarchLayout, theta: ArrayLike<number>): number {
  const betaAt = layout.varianceOffset + 1 + layout.p + layout.o;
  let sum = 0;
  for (let j = 0; j < layout.q; j++) sum += theta[betaAt + j];
  return sum;
}
