import { testPriceOscillator } from '../../../test/priceOscillatorChecks.js';
import { PPO, ppo, ppoLookback } from './ppo.js';

testPriceOscillator({
  name: 'PPO',
  lookback: ppoLookback,
  batch: ppo,
  create: (fast, slow, type) => new PPO(fast, slow, type),
  expected: (fast, slow) => ((fast - slow) / slow) * 100,
});
