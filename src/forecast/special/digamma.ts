/**
 * psi(x) = d/dx ln Gamma(x) for x > 0: the recurrence psi(x) = psi(x + 1) - 1/x lifts x to 10
 * or more, where the asymptotic series (Abramowitz and Stegun 6.3.18) is accurate to ~1e-15.
 * The gradient of the Student-t likelihood in its degrees of freedom needs it.
 */
export function digamma(x: number): number {
  if (!(x > 0)) return NaN;
  let result = 0;
  while (x < 10) {
    result -= 1 / x;
    x += 1;
  }
  const inverse = 1 / x;
  const inverse2 = inverse * inverse;
  const series = inverse2 * (1 / 12 - inverse2 * (1 / 120 - inverse2 * (1 / 252 - inverse2 * (1 / 240 - inverse2 * (1 / 132)))));
  return result + Math.log(x) - 0.5 * inverse - series;
}
