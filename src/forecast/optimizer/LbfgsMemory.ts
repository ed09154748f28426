/**
 * The limited memory of L-BFGS: the last `capacity` pairs of steps s = x_{k+1} - x_k and
 * gradient changes y = g_{k+1} - g_k, applied as the inverse-Hessian approximation by the
 * two-loop recursion (Nocedal and Wright, Numerical Optimization, 2nd ed., Algorithm 7.4).
 *
 * `applyInverseHessian` takes a mask of free variables: the bounded minimiser fixes the
 * variables held at a bound and searches only the free subspace, so every inner product runs
 * over the free coordinates and the fixed coordinates of the result are zero. That is the
 * reduced-space form of L-BFGS-B's subspace step, without its generalised Cauchy point.
 */
export class LbfgsMemory {
  private readonly steps: Float64Array[] = [];
  private readonly gradientChanges: Float64Array[] = [];
  private readonly rho: number[] = [];
  private readonly alpha: Float64Array;

  constructor(
    readonly dimension: number,
    readonly capacity: number,
  ) {
    this.alpha = new Float64Array(capacity);
  }

  get size(): number {
    return this.steps.length;
  }

  clear(): void {
    this.steps.length = 0;
    this.gradientChanges.length = 0;
    this.rho.length = 0;
  }

  /**
   * Stores a pair when it has positive curvature (s'y > eps * y'y); a pair without it would
   * make the approximation indefinite, so it is skipped (returns false), as L-BFGS-B does.
   */
  push(step: Float64Array, gradientChange: Float64Array): boolean {
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < this.dimension; i++) {
      sy += step[i] * gradientChange[i];
      yy += gradientChange[i] * gradientChange[i];
    }
    if (!(sy > 2.220446049250313e-16 * yy) || !Number.isFinite(sy)) return false;
    if (this.steps.length === this.capacity) {
      this.steps.shift();
      this.gradientChanges.shift();
      this.rho.shift();
    }
    this.steps.push(Float64Array.from(step));
    this.gradientChanges.push(Float64Array.from(gradientChange));
    this.rho.push(1 / sy);
    return true;
  }

  /** out = H * vector over the free coordinates (0 elsewhere). */
  applyInverseHessian(vector: Float64Array, free: Uint8Array, out: Float64Array): void {
    this.searchDirection(vector, free, out);
    for (let i = 0; i < this.dimension; i++) out[i] = -out[i];
  }

  /** out = -H * gradient over the free coordinates (0 elsewhere): the quasi-Newton direction. */
  searchDirection(gradient: Float64Array, free: Uint8Array, out: Float64Array): void {
    const n = this.dimension;
    for (let i = 0; i < n; i++) out[i] = free[i] ? gradient[i] : 0;
    const m = this.steps.length;
    for (let k = m - 1; k >= 0; k--) {
      const s = this.steps[k];
      let dot = 0;
      for (let i = 0; i < n; i++) if (free[i]) dot += s[i] * out[i];
      const a = this.rho[k] * dot;
      this.alpha[k] = a;
      const y = this.gradientChanges[k];
      for (let i = 0; i < n; i++) if (free[i]) out[i] -= a * y[i];
    }
    // Initial scaling H0 = (s'y / y'y) I from the newest pair, over the free subspace.
    let scale = 1;
    if (m > 0) {
      const s = this.steps[m - 1];
      const y = this.gradientChanges[m - 1];
      let sy = 0;
      let yy = 0;
      for (let i = 0; i < n; i++) {
        if (!free[i]) continue;
        sy += s[i] * y[i];
        yy += y[i] * y[i];
      }
      if (sy > 0 && yy > 0) scale = sy / yy;
    }
    for (let i = 0; i < n; i++) out[i] *= scale;
    for (let k = 0; k < m; k++) {
      const y = this.gradientChanges[k];
      let dot = 0;
      for (let i = 0; i < n; i++) if (free[i]) dot += y[i] * out[i];
      const b = this.rho[k] * dot;
      const s = this.steps[k];
      const a = this.alpha[k];
      for (let i = 0; i < n; i++) if (free[i]) out[i] += s[i] * (a - b);
    }
    for (let i = 0; i < n; i++) out[i] = -out[i];
  }
}
