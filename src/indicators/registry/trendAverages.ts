import { ema, EMA } from '../trend/ema.js';
import { sma, SMA } from '../trend/sma.js';
import { periodParameter, type IndicatorDefinition } from './IndicatorDefinition.js';

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
];
