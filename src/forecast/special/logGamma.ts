/** Lanczos coefficients for g = 7, n = 9 (Numerical Recipes 3rd ed. / Godfrey): about 1e-15 relative. */
const lanczos = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const halfLogTwoPi = 0.9189385332046727;

/** ln |Gamma(x)| for x > 0 (the Student-t likelihood needs only positive arguments); NaN otherwise. */
export function logGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x < 0.5) {
    // Reflection: Gamma(x) Gamma(1 - x) = pi / sin(pi x), exact where Lanczos loses accuracy near 0.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = lanczos[0];
  for (let i = 1; i < lanczos.length; i++) sum += lanczos[i] / (z + i);
  const t = z + 7.5;
  return halfLogTwoPi + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
