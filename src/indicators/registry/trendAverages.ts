import { DEMA, demaLookback } from '../trend/dema.js';
import { ema, EMA } from '../trend/ema.js';
import { HMA, hma, hmaLookback } from '../trend/hma.js';
import { KAMA, kamaLookback } from '../trend/kama.js';
import { LinearRegression, linearRegression, linearRegressionLookback } from '../trend/linearRegression.js';
import { createMovingAverage, movingAverageLookback, movingAverageTypes, type MovingAverageType } from '../trend/movingAverage.js';
import { sma, SMA } from '../trend/sma.js';
import { T3, t3, t3Lookback } from '../trend/t3.js';
import { TEMA, temaLookback } from '../trend/tema.js';
import { TRIMA, trimaLookback } from '../trend/trima.js';
import { VWMA, vwma, vwmaLookback } from '../trend/vwma.js';
import { WMA, wmaLookback } from '../trend/wma.js';
import { ZLEMA, zlema, zlemaLookback } from '../trend/zlema.js';
import { periodParameter, type IndicatorDefinition } from './IndicatorDefinition.js';
import { sharedMovingAverage } from './sharedMovingAverage.js';

/** Registry entries of the moving averages (trend/overlap). */
export const trendAverageDefinitions: IndicatorDefinition[] = [
  {
    name: 'sma',
    title: 'Simple Moving Average',
    group: 'trend',
    inputs: ['close'],
    parameters: [periodParameter('period', 30, 'bars averaged', 1)],
    outputs: ['sma'],
    lookback: ({ period }) => (period as number) - 1,
    compute: (context, { period }) => [context.shared(`sma:close:${period}`, () => sma(context.input('close'), period as number))],
    createStream: ({ period }) => new SMA(period as number),
  },
  {
    name: 'ema',
    title: 'Exponential Moving Average',
    group: 'trend',
    inputs: ['close'],
    parameters: [
      periodParameter('period', 30, 'bars of smoothing: factor 2/(period+1)', 1),
      { name: 'seed', kind: 'choice', default: 'sma', choices: ['sma', 'first'], description: 'first value: the mean of the first period values (TA-Lib) or the first value' },
    ],
    outputs: ['ema'],
    lookback: ({ period, seed }) => (seed === 'first' ? 0 : (period as number) - 1),
    compute: (context, { period, seed }) => [
      context.shared(`ema:close:${period}:seed-${seed}`, () => ema(context.input('close'), period as number, undefined, seed as 'sma' | 'first')),
    ],
    createStream: ({ period, seed }) => new EMA(period as number, seed as 'sma' | 'first'),
  },
  {
    name: 'wma',
    title: 'Weighted Moving Average',
    group: 'trend',
    inputs: ['close'],
    parameters: [periodParameter('period', 30, 'bars averaged, weighted 1..period (newest heaviest)', 1)],
    outputs: ['wma'],
    lookback: ({ period }) => wmaLookback(period as number),
    compute: (context, { period }) => [sharedMovingAverage(context, 'close', period as number, 'wma')],
    createStream: ({ period }) => new WMA(period as number),
  },
  {
    name: 'dema',
    title: 'Double Exponential Moving Average',
    group: 'trend',
    inputs: ['close'],
    parameters: [periodParameter('period', 30, 'bars of each EMA: 2 * EMA - EMA(EMA)')],
    outputs: ['dema'],
    lookback: ({ period }) => demaLookback(period as number),
    compute: (context, { period }) => [sharedMovingAverage(context, 'close', period as number, 'dema')],
    createStream: ({ period }) => new DEMA(period as number),
  },
  {
    name: 'tema',
    title: 'Triple Exponential Moving Average',
    group: 'trend',
    inputs: ['close'],
    parameters: [periodParameter('period', 30, 'bars of each EMA: 3 * EMA - 3 * EMA(EMA) + EMA(EMA(EMA))')],
    outputs: ['tema'],
    lookback: ({ period }) => temaLookback(period as number),
    compute: (context, { period }) => [sharedMovingAverage(context, 'close', period as number, 'tema')],
    createStream: ({ period }) => new TEMA(period as number),
  },
  {
    name: 'trima',
    title: 'Triangular Moving Average',
    group: 'trend',
    inputs: ['close'],
    parameters: [periodParameter('period', 30, 'bars averaged with triangular weights (an SMA of an SMA)')],
    outputs: ['trima'],
    lookback: ({ period }) => trimaLookback(period as number),
    compute: (context, { period }) => [sharedMovingAverage(context, 'close', period as number, 'trima')],
    createStream: ({ period }) => new TRIMA(period as number),
  },
  {
    name: 'kama',
    title: 'Kaufman Adaptive Moving Average',
    group: 'trend',
    inputs: ['close'],
    parameters: [periodParameter('period', 30, 'bars of the efficiency ratio (fast 2 and slow 30 are fixed, as in TA-Lib)')],
    outputs: ['kama'],
    lookback: ({ period }) => kamaLookback(period as number),
    compute: (context, { period }) => [sharedMovingAverage(context, 'close', period as number, 'kama')],
    createStream: ({ period }) => new KAMA(period as number),
  },
  {
    name: 't3',
    title: 'Tillson T3 Moving Average',
    group: 'trend',
    inputs: ['close'],
    parameters: [
      periodParameter('period', 5, 'bars of each of the six chained EMAs'),
      { name: 'vFactor', kind: 'number', default: 0.7, min: 0, max: 1, description: 'volume factor: 0 gives EMA(EMA(EMA)), 1 a triple DEMA' },
    ],
    outputs: ['t3'],
    lookback: ({ period, vFactor }) => t3Lookback(period as number, vFactor as number),
    compute: (context, { period, vFactor }) => [
      vFactor === 0.7
        ? sharedMovingAverage(context, 'close', period as number, 't3')
        : context.shared(`t3:close:${period}:vfactor-${vFactor}`, () => t3(context.input('close'), period as number, vFactor as number)),
    ],
    createStream: ({ period, vFactor }) => new T3(period as number, vFactor as number),
  },
  {
    name: 'hma',
    title: 'Hull Moving Average',
    group: 'trend',
    inputs: ['close'],
    parameters: [periodParameter('period', 30, 'bars of the full WMA; the half and smoothing WMAs use floor(period / 2) and floor(sqrt(period))')],
    outputs: ['hma'],
    lookback: ({ period }) => hmaLookback(period as number),
    compute: (context, { period }) => [context.shared(`hma:close:${period}`, () => hma(context.input('close'), period as number))],
    createStream: ({ period }) => new HMA(period as number),
  },
  {
    name: 'zlema',
    title: 'Zero-Lag Exponential Moving Average',
    group: 'trend',
    inputs: ['close'],
    parameters: [periodParameter('period', 30, 'bars of the EMA of 2 * close - close floor((period - 1) / 2) bars ago')],
    outputs: ['zlema'],
    lookback: ({ period }) => zlemaLookback(period as number),
    compute: (context, { period }) => [context.shared(`zlema:close:${period}`, () => zlema(context.input('close'), period as number))],
    createStream: ({ period }) => new ZLEMA(period as number),
  },
  {
    name: 'vwma',
    title: 'Volume-Weighted Moving Average',
    group: 'trend',
    inputs: ['close', 'volume'],
    parameters: [periodParameter('period', 20, 'bars averaged, each weighted by its volume (NaN when the window has no volume)', 1)],
    outputs: ['vwma'],
    lookback: ({ period }) => vwmaLookback(period as number),
    compute: (context, { period }) => [context.shared(`vwma:close:volume:${period}`, () => vwma(context.input('close'), context.input('volume'), period as number))],
    createStream: ({ period }) => new VWMA(period as number),
  },
  {
    name: 'linearreg',
    title: 'Linear Regression (value, slope, angle, intercept, time series forecast)',
    group: 'trend',
    inputs: ['close'],
    parameters: [periodParameter('period', 14, 'bars of the least-squares line')],
    outputs: ['value', 'slope', 'angle', 'intercept', 'forecast'],
    lookback: ({ period }) => linearRegressionLookback(period as number),
    compute: (context, { period }) => {
      const result = linearRegression(context.input('close'), period as number);
      return [result.value, result.slope, result.angle, result.intercept, result.forecast];
    },
    createStream: ({ period }) => new LinearRegression(period as number),
  },
  {
    name: 'ma',
    title: 'Moving Average of a chosen type (TA-Lib MA)',
    group: 'trend',
    inputs: ['close'],
    parameters: [
      periodParameter('period', 30, 'bars averaged (1 returns the close itself, as in TA-Lib)', 1),
      { name: 'type', kind: 'choice', default: 'sma', choices: movingAverageTypes, description: 'sma, ema, wma, dema, tema, trima, kama (fast 2, slow 30) or t3 (vFactor 0.7); TA-Lib MAMA is not offered' },
    ],
    outputs: ['ma'],
    lookback: ({ period, type }) => movingAverageLookback(period as number, type as MovingAverageType),
    compute: (context, { period, type }) => [sharedMovingAverage(context, 'close', period as number, type as MovingAverageType)],
    createStream: ({ period, type }) => createMovingAverage(type as MovingAverageType, period as number),
  },
];
