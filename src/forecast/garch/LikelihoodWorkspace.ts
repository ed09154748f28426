import type { GarchLayout } from './GarchSpecification.js';
import type { VarianceBounds } from './varianceBounds.js';

/**
 * Everything one GARCH likelihood evaluation needs besides the parameters: the series, the
 * fixed start-up and bounds, and reusable buffers, so the optimiser's hundreds of
 * evaluations allocate nothing.
 *
 * Indexing: the series y has n values; residual t (0 <= t < T = n - holdBack) belongs to
 * y[t + holdBack], so t = 0 is the first observation in the likelihood.
 */
export class LikelihoodWorkspace {
  readonly observations: number;
  readonly residuals: Float64Array;
  readonly variance: Float64Array;
  /** d(start-up)/d(theta) under the 'sample-variance' start-up (zero otherwise). */
  readonly startupGradient: Float64Array;
  /** Scratch: d(residual_t)/d(mean parameters) of the current observation. */
  readonly residualGradient: Float64Array;

  constructor(
    readonly layout: GarchLayout,
    /** The series the model sees (already divided by the fit's scale). */
    readonly y: Float64Array,
    readonly bounds: VarianceBounds,
    /** arch's backcast (in variance units) for the 'backcast' start-up; ignored otherwise. */
    readonly backcast: number,
  ) {
    this.observations = y.length - layout.holdBack;
    this.residuals = new Float64Array(this.observations);
    this.variance = new Float64Array(this.observations);
    this.startupGradient = new Float64Array(layout.count);
    this.residualGradient = new Float64Array(layout.meanCount);
  }

  /** Fills `residuals` for the mean parameters in theta. */
  computeResiduals(theta: ArrayLike<number>): void {
    const { mean, arLags, holdBack } = this.layout;
    const y = this.y;
    const residuals = this.residuals;
    const T = this.observations;
    if (mean === 'zero') {
      for (let t = 0; t < T; t++) residuals[t] = y[t];
    } else if (mean === 'constant') {
      const mu = theta[0];
      for (let t = 0; t < T; t++) residuals[t] = y[t] - mu;
    } else {
      const constant = theta[0];
      for (let t = 0; t < T; t++) {
        const i = t + holdBack;
        let fitted = constant;
        for (let j = 1; j <= arLags; j++) fitted += theta[j] * y[i - j];
        residuals[t] = y[i] - fitted;
      }
    }
  }

  /** Writes d(residual_t)/d(mean parameters) into `residualGradient` (constant -1, AR lag j -y[t - j]). */
  residualDerivative(t: number): Float64Array {
    const gradient = this.residualGradient;
    if (this.layout.meanCount === 0) return gradient;
    gradient[0] = -1;
    const i = t + this.layout.holdBack;
    for (let j = 1; j <= this.layout.arLags; j++) gradient[j] = -this.y[i - j];
    return gradient;
  }

  /**
   * The pre-sample variance (and squared residual) B. For 'sample-variance' it is the mean of
   * the current squared residuals and, when `withGradient`, fills `startupGradient` with
   * dB/d(mean parameters) = (2/T) sum_t e_t de_t/d(theta).
   */
  startup(withGradient: boolean): number {
    this.startupGradient.fill(0);
    if (this.layout.startup === 'backcast') return this.backcast;
    const T = this.observations;
    const residuals = this.residuals;
    let sum = 0;
    for (let t = 0; t < T; t++) sum += residuals[t] * residuals[t];
    if (withGradient && this.layout.meanCount > 0) {
      for (let t = 0; t < T; t++) {
        const derivative = this.residualDerivative(t);
        const factor = (2 * residuals[t]) / T;
        for (let m = 0; m < this.layout.meanCount; m++) this.startupGradient[m] += factor * derivative[m];
      }
    }
    return sum / T;
  }
}
