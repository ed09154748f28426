import { testPriceOscillator } from '../../../test/priceOscillatorChecks.js';
import { APO, apo, apoLookback } from './apo.js';

testPriceOscillator({
  name: 'APO',
  lookback: apoLookback,
  batch: apo,
  create: (fast, slow, type) => new APO(fast, slow, type),
  expected: (fast, slow) => fast - slow,
});
