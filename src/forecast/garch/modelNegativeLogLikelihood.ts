import { egarchNegativeLogLikelihood } from './egarchNegativeLogLikelihood.js';
import { garch11NegativeLogLikelihood, isGarch11 } from './garch11NegativeLogLikelihood.js';
import { garchNegativeLogLikelihood } from './garchNegativeLogLikelihood.js';
import type { LikelihoodWorkspace } from './LikelihoodWorkspace.js';

/** The negative log-likelihood (summed over observations) of the workspace's model; see the recursions. */
export function modelNegativeLogLikelihood(workspace: LikelihoodWorkspace, theta: ArrayLike<number>, gradient?: Float64Array, scores?: Float64Array): number {
  if (workspace.layout.volatility === 'egarch') return egarchNegativeLogLikelihood(workspace, theta, gradient, scores);
  if (isGarch11(workspace)) return garch11NegativeLogLikelihood(workspace, theta, gradient, scores);
  return garchNegativeLogLikelihood(workspace, theta, gradient, scores);
}
