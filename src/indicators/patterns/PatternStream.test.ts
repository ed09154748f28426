import { testIndicatorContract } from '../../../test/indicatorContract.js';
import { cdlEngulfing, cdlEngulfingLookback } from './cdlEngulfing.js';
import { cdlMorningStar, cdlMorningStarLookback } from './cdlMorningStar.js';
import { PatternStream } from './PatternStream.js';

testIndicatorContract({
  name: 'PatternStream(CDLENGULFING)',
  inputs: ['open', 'high', 'low', 'close'],
  outputs: ['cdlengulfing'],
  lookback: cdlEngulfingLookback(),
  batch: ([open, high, low, close]) => [cdlEngulfing(open, high, low, close)],
  create: () => new PatternStream(cdlEngulfingLookback(), (open, high, low, close, out) => cdlEngulfing(open, high, low, close, out)),
  update: (s, [open, high, low, close]) => s.update(open, high, low, close),
  replace: (s, [open, high, low, close]) => s.replace(open, high, low, close),
  read: (s) => [s.value],
  isReady: (s) => s.isReady,
  reset: (s) => s.reset(),
  length: 600,
});

testIndicatorContract({
  name: 'PatternStream(CDLMORNINGSTAR, penetration 0.3)',
  inputs: ['open', 'high', 'low', 'close'],
  outputs: ['cdlmorningstar'],
  lookback: cdlMorningStarLookback(0.3),
  batch: ([open, high, low, close]) => [cdlMorningStar(open, high, low, close, 0.3)],
  create: () => new PatternStream(cdlMorningStarLookback(0.3), (open, high, low, close, out) => cdlMorningStar(open, high, low, close, 0.3, out)),
  update: (s, [open, high, low, close]) => s.update(open, high, low, close),
  replace: (s, [open, high, low, close]) => s.replace(open, high, low, close),
  read: (s) => [s.value],
  isReady: (s) => s.isReady,
  reset: (s) => s.reset(),
  length: 600,
});
