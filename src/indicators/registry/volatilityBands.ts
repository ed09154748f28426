import { movingAverageTypes, type MovingAverageType } from '../trend/movingAverage.js';
import { BBANDS, bbands, bbandsLookback } from '../volatility/bbands.js';
import { DONCHIAN, donchian, donchianMiddle } from '../volatility/donchian.js';
import { KELTNER, keltner, keltnerFromParts, keltnerLookback } from '../volatility/keltner.js';
import { sharedAverageTrueRange } from '../volatility/sharedTrueRange.js';
import { STDDEV, stddev } from '../volatility/stddev.js';
import { VAR, variance } from '../volatility/variance.js';
import { VOLATILITY, volatility, volatilityEstimators, volatilityLookback, type VolatilityEstimator } from '../volatility/volatility.js';
import { hasNonFinite } from '../nanPolicy.js';
import { ema } from '../trend/ema.js';
import { max } from '../rolling/max.js';
import { min } from '../rolling/min.js';
import { periodParameter, type IndicatorDefinition } from './IndicatorDefinition.js';

/** Registry entries of the deviation, band and realized-volatility indicators (volatility). */
export const volatilityBandDefinitions: IndicatorDefinition[] = [
  {
    name: 'stddev',
    title: 'Standard Deviation',
    group: 'volatility',
    inputs: ['close'],
    parameters: [
      periodParameter('period', 5, 'bars in the window (population standard deviation)'),
      { name: 'nbDev', kind: 'number', default: 1, min: -100, max: 100, description: 'multiplier of the deviation' },
    ],
    outputs: ['stddev'],
    lookback: ({ period }) => (period as number) - 1,
    compute: (context, { period, nbDev }) => [stddev(context.input('close'), period as number, nbDev as number)],
    createStream: ({ period, nbDev }) => new STDDEV(period as number, nbDev as number),
  },
  {
    name: 'var',
    title: 'Variance',
    group: 'volatility',
    inputs: ['close'],
    parameters: [periodParameter('period', 5, 'bars in the window (population variance)', 1)],
    outputs: ['var'],
    lookback: ({ period }) => (period as number) - 1,
    compute: (context, { period }) => [variance(context.input('close'), period as number)],
    createStream: ({ period }) => new VAR(period as number),
  },
  {
    name: 'bbands',
    title: 'Bollinger Bands',
    group: 'volatility',
    inputs: ['close'],
    parameters: [
      periodParameter('period', 5, 'bars of the moving average and the standard deviation'),
      { name: 'nbDevUp', kind: 'number', default: 2, min: -100, max: 100, description: 'standard deviations from the middle to the upper band' },
      { name: 'nbDevDn', kind: 'number', default: 2, min: -100, max: 100, description: 'standard deviations from the middle to the lower band' },
      { name: 'maType', kind: 'choice', default: 'sma', choices: movingAverageTypes, description: 'moving average of the middle band (TA-Lib MA types, MAMA excepted)' },
    ],
    outputs: ['upper', 'middle', 'lower', 'percentb', 'bandwidth'],
    lookback: ({ period, nbDevUp, nbDevDn, maType }) => bbandsLookback(period as number, nbDevUp as number, nbDevDn as number, maType as MovingAverageType),
    // The fused SMA loop (running sums of x and x²) is faster than reading a shared SMA
    // back, and divides as TA-Lib does where the SMA kernel multiplies by 1/period.
    compute: (context, { period, nbDevUp, nbDevDn, maType }) => {
      const bands = bbands(context.input('close'), period as number, nbDevUp as number, nbDevDn as number, maType as MovingAverageType);
      return [bands.upper, bands.middle, bands.lower, bands.percentB, bands.bandwidth];
    },
    createStream: ({ period, nbDevUp, nbDevDn, maType }) => new BBANDS(period as number, nbDevUp as number, nbDevDn as number, maType as MovingAverageType),
  },
  {
    name: 'keltner',
    title: 'Keltner Channels',
    group: 'volatility',
    inputs: ['high', 'low', 'close'],
    parameters: [
      periodParameter('period', 20, 'bars of the EMA of close (the middle line)', 1),
      periodParameter('atrPeriod', 10, 'bars of the average true range', 1),
      { name: 'multiplier', kind: 'number', default: 2, min: 0, max: 100, description: 'channel distance from the middle in ATRs' },
    ],
    outputs: ['upper', 'middle', 'lower'],
    lookback: ({ period, atrPeriod, multiplier }) => keltnerLookback(period as number, atrPeriod as number, multiplier as number),
    compute: (context, { period, atrPeriod, multiplier }) => {
      const [high, low, close] = [context.input('high'), context.input('low'), context.input('close')];
      const p = period as number;
      const a = atrPeriod as number;
      const m = multiplier as number;
      // Shared EMA and ATR are the channel's parts exactly when no bar is missing (with a
      // missing high, the EMA of close alone would keep that bar and Keltner skips it).
      if (hasNonFinite([high, low, close])) {
        const channels = keltner(high, low, close, p, a, m);
        return [channels.upper, channels.middle, channels.lower];
      }
      const middle = context.shared(`ema:close:${p}:seed-sma`, () => ema(close, p)).slice();
      const n = context.length;
      const channels = keltnerFromParts(middle, sharedAverageTrueRange(context, a), m, keltnerLookback(p, a, m), { upper: new Float64Array(n), middle, lower: new Float64Array(n) });
      return [channels.upper, channels.middle, channels.lower];
    },
    createStream: ({ period, atrPeriod, multiplier }) => new KELTNER(period as number, atrPeriod as number, multiplier as number),
  },
  {
    name: 'donchian',
    title: 'Donchian Channels',
    group: 'volatility',
    inputs: ['high', 'low'],
    parameters: [periodParameter('period', 20, 'bars of the highest high and lowest low')],
    outputs: ['upper', 'middle', 'lower'],
    lookback: ({ period }) => (period as number) - 1,
    compute: (context, { period }) => {
      const [high, low] = [context.input('high'), context.input('low')];
      const p = period as number;
      if (hasNonFinite([high, low])) {
        const channels = donchian(high, low, p);
        return [channels.upper, channels.middle, channels.lower];
      }
      const upper = context.shared(`max:high:${p}`, () => max(high, p));
      const lower = context.shared(`min:low:${p}`, () => min(low, p));
      return [upper, donchianMiddle(upper, lower, new Float64Array(context.length)), lower];
    },
    createStream: ({ period }) => new DONCHIAN(period as number),
  },
  {
    name: 'volatility',
    title: 'Realized Volatility',
    group: 'volatility',
    inputs: ['open', 'high', 'low', 'close'],
    parameters: [
      periodParameter('period', 20, 'bars in the window'),
      { name: 'estimator', kind: 'choice', default: 'closetoclose', choices: volatilityEstimators, description: 'close-to-close, Parkinson, Garman-Klass, Rogers-Satchell or Yang-Zhang' },
      { name: 'annualization', kind: 'number', default: 252, min: 1, max: 1e8, description: 'bars per year (252 daily; 1 for per-bar volatility)' },
    ],
    outputs: ['volatility'],
    lookback: ({ period, estimator, annualization }) => volatilityLookback(period as number, estimator as VolatilityEstimator, annualization as number),
    compute: (context, { period, estimator, annualization }) => [
      volatility(context.input('open'), context.input('high'), context.input('low'), context.input('close'), period as number, estimator as VolatilityEstimator, annualization as number),
    ],
    createStream: ({ period, estimator, annualization }) => new VOLATILITY(period as number, estimator as VolatilityEstimator, annualization as number),
  },
];
