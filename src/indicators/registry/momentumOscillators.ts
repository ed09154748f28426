import { APO, priceOscillatorFromAverages, priceOscillatorLookback } from '../momentum/apo.js';
import { CMO, cmo } from '../momentum/cmo.js';
import { MACD, macd } from '../momentum/macd.js';
import { MACDEXT, macdext, macdextLookback } from '../momentum/macdext.js';
import { MACDFIX, macdfix, macdfixLookback } from '../momentum/macdfix.js';
import { MOM, mom } from '../momentum/mom.js';
import { PPO } from '../momentum/ppo.js';
import { ROC, roc } from '../momentum/roc.js';
import { ROCP, rocp } from '../momentum/rocp.js';
import { ROCR, rocr } from '../momentum/rocr.js';
import { ROCR100, rocr100 } from '../momentum/rocr100.js';
import { RSI, rsi } from '../momentum/rsi.js';
import { STOCH, stoch, stochLookback } from '../momentum/stoch.js';
import { STOCHF, stochf, stochfLookback } from '../momentum/stochf.js';
import { STOCHRSI, stochrsi, stochrsiLookback } from '../momentum/stochrsi.js';
import { TRIX, trix, trixLookback } from '../momentum/trix.js';
import type { StreamingIndicator } from '../StreamingIndicator.js';
import { ema } from '../trend/ema.js';
import { movingAverageTypes, type MovingAverageType } from '../trend/movingAverage.js';
import { periodParameter, type IndicatorDefinition, type ParameterDefinition, type ParameterValues } from './IndicatorDefinition.js';
import { sharedMovingAverage } from './sharedMovingAverage.js';

function typeParameter(name: string, description: string): ParameterDefinition {
  return { name, kind: 'choice', default: 'sma', choices: movingAverageTypes, description: `${description} (TA-Lib's default: sma)` };
}

const int = (values: ParameterValues, name: string) => values[name] as number;
const kind = (values: ParameterValues, name: string) => values[name] as MovingAverageType;

/** RSI, CMO and the ROC family: one close input, one period. */
function closePeriodIndicator(
  name: string,
  title: string,
  defaultPeriod: number,
  minimum: number,
  description: string,
  kernel: (close: Float64Array, period: number) => Float64Array,
  create: (period: number) => StreamingIndicator,
): IndicatorDefinition {
  return {
    name,
    title,
    group: 'momentum',
    inputs: ['close'],
    parameters: [periodParameter('period', defaultPeriod, description, minimum)],
    outputs: [name],
    lookback: ({ period }) => period as number,
    compute: (context, { period }) => [context.shared(`${name}:close:${period}`, () => kernel(context.input('close'), period as number))],
    createStream: ({ period }) => create(period as number),
  };
}

const macdOutputs = ['macd', 'signal', 'histogram'] as const;

function priceOscillatorDefinition(name: 'apo' | 'ppo', title: string, percent: boolean): IndicatorDefinition {
  return {
    name,
    title,
    group: 'momentum',
    inputs: ['close'],
    parameters: [
      periodParameter('fastPeriod', 12, 'bars of the fast average'),
      periodParameter('slowPeriod', 26, 'bars of the slow average'),
      typeParameter('type', 'moving average of both'),
    ],
    outputs: [name],
    lookback: (p) => priceOscillatorLookback(name.toUpperCase(), int(p, 'fastPeriod'), int(p, 'slowPeriod'), kind(p, 'type')),
    compute: (context, p) => {
      // Both averages are the plain full-series MAs (see apo.ts), so they are shared with MA columns.
      const fast = Math.min(int(p, 'fastPeriod'), int(p, 'slowPeriod'));
      const slow = Math.max(int(p, 'fastPeriod'), int(p, 'slowPeriod'));
      const type = kind(p, 'type');
      return [priceOscillatorFromAverages(sharedMovingAverage(context, 'close', fast, type), sharedMovingAverage(context, 'close', slow, type), percent)];
    },
    createStream: (p) => new (percent ? PPO : APO)(int(p, 'fastPeriod'), int(p, 'slowPeriod'), kind(p, 'type')),
  };
}

/** Registry entries of the momentum oscillators (RSI, stochastics, MACD family, ROC family...). */
export const momentumOscillatorDefinitions: IndicatorDefinition[] = [
  closePeriodIndicator('rsi', 'Relative Strength Index', 14, 2, 'bars of Wilder smoothing', rsi, (period) => new RSI(period)),
  closePeriodIndicator('cmo', 'Chande Momentum Oscillator', 14, 2, 'bars of Wilder smoothing (TA-Lib 1.1.6)', cmo, (period) => new CMO(period)),
  closePeriodIndicator('mom', 'Momentum', 10, 1, 'bars back', mom, (period) => new MOM(period)),
  closePeriodIndicator('roc', 'Rate of Change (percent)', 10, 1, 'bars back', roc, (period) => new ROC(period)),
  closePeriodIndicator('rocp', 'Rate of Change (fraction)', 10, 1, 'bars back', rocp, (period) => new ROCP(period)),
  closePeriodIndicator('rocr', 'Rate of Change Ratio', 10, 1, 'bars back', rocr, (period) => new ROCR(period)),
  closePeriodIndicator('rocr100', 'Rate of Change Ratio x 100', 10, 1, 'bars back', rocr100, (period) => new ROCR100(period)),
  {
    name: 'stoch',
    title: 'Slow Stochastic Oscillator',
    group: 'momentum',
    inputs: ['high', 'low', 'close'],
    parameters: [
      periodParameter('fastKPeriod', 5, 'bars of the high-low range of fast %K', 1),
      periodParameter('slowKPeriod', 3, 'bars of the average making slow %K', 1),
      typeParameter('slowKType', 'moving average making slow %K'),
      periodParameter('slowDPeriod', 3, 'bars of the average making slow %D', 1),
      typeParameter('slowDType', 'moving average making slow %D'),
    ],
    outputs: ['slowk', 'slowd'],
    lookback: (p) => stochLookback(int(p, 'fastKPeriod'), int(p, 'slowKPeriod'), kind(p, 'slowKType'), int(p, 'slowDPeriod'), kind(p, 'slowDType')),
    compute: (context, p) => {
      const result = stoch(
        context.input('high'),
        context.input('low'),
        context.input('close'),
        int(p, 'fastKPeriod'),
        int(p, 'slowKPeriod'),
        kind(p, 'slowKType'),
        int(p, 'slowDPeriod'),
        kind(p, 'slowDType'),
      );
      return [result.slowK, result.slowD];
    },
    createStream: (p) => new STOCH(int(p, 'fastKPeriod'), int(p, 'slowKPeriod'), kind(p, 'slowKType'), int(p, 'slowDPeriod'), kind(p, 'slowDType')),
  },
  {
    name: 'stochf',
    title: 'Fast Stochastic Oscillator',
    group: 'momentum',
    inputs: ['high', 'low', 'close'],
    parameters: [
      periodParameter('fastKPeriod', 5, 'bars of the high-low range of %K', 1),
      periodParameter('fastDPeriod', 3, 'bars of the average making %D', 1),
      typeParameter('fastDType', 'moving average making %D'),
    ],
    outputs: ['fastk', 'fastd'],
    lookback: (p) => stochfLookback(int(p, 'fastKPeriod'), int(p, 'fastDPeriod'), kind(p, 'fastDType')),
    compute: (context, p) => {
      const result = stochf(context.input('high'), context.input('low'), context.input('close'), int(p, 'fastKPeriod'), int(p, 'fastDPeriod'), kind(p, 'fastDType'));
      return [result.fastK, result.fastD];
    },
    createStream: (p) => new STOCHF(int(p, 'fastKPeriod'), int(p, 'fastDPeriod'), kind(p, 'fastDType')),
  },
  {
    name: 'stochrsi',
    title: 'Stochastic RSI',
    group: 'momentum',
    inputs: ['close'],
    parameters: [
      periodParameter('period', 14, 'bars of the RSI'),
      periodParameter('fastKPeriod', 5, 'bars of the RSI range of %K', 1),
      periodParameter('fastDPeriod', 3, 'bars of the average making %D', 1),
      typeParameter('fastDType', 'moving average making %D'),
    ],
    outputs: ['fastk', 'fastd'],
    lookback: (p) => stochrsiLookback(int(p, 'period'), int(p, 'fastKPeriod'), int(p, 'fastDPeriod'), kind(p, 'fastDType')),
    compute: (context, p) => {
      const result = stochrsi(context.input('close'), int(p, 'period'), int(p, 'fastKPeriod'), int(p, 'fastDPeriod'), kind(p, 'fastDType'));
      return [result.fastK, result.fastD];
    },
    createStream: (p) => new STOCHRSI(int(p, 'period'), int(p, 'fastKPeriod'), int(p, 'fastDPeriod'), kind(p, 'fastDType')),
  },
  {
    name: 'macd',
    title: 'Moving Average Convergence/Divergence',
    group: 'momentum',
    inputs: ['close'],
    parameters: [
      periodParameter('fastPeriod', 12, 'bars of the fast EMA'),
      periodParameter('slowPeriod', 26, 'bars of the slow EMA'),
      periodParameter('signalPeriod', 9, 'bars of the signal EMA', 1),
    ],
    outputs: macdOutputs,
    lookback: (p) => Math.max(int(p, 'fastPeriod'), int(p, 'slowPeriod')) - 1 + int(p, 'signalPeriod') - 1,
    compute: (context, p) => {
      const close = context.input('close');
      // The slow EMA is exactly the EMA column's; the fast one is seeded later (see macd.ts), so not.
      const slow = Math.max(int(p, 'fastPeriod'), int(p, 'slowPeriod'));
      const slowEma = context.shared(`ema:close:${slow}:seed-sma`, () => ema(close, slow));
      const result = macd(close, int(p, 'fastPeriod'), int(p, 'slowPeriod'), int(p, 'signalPeriod'), undefined, slowEma);
      return [result.macd, result.signal, result.histogram];
    },
    createStream: (p) => new MACD(int(p, 'fastPeriod'), int(p, 'slowPeriod'), int(p, 'signalPeriod')),
  },
  {
    name: 'macdext',
    title: 'MACD with moving-average types',
    group: 'momentum',
    inputs: ['close'],
    parameters: [
      periodParameter('fastPeriod', 12, 'bars of the fast average'),
      typeParameter('fastType', 'fast moving average'),
      periodParameter('slowPeriod', 26, 'bars of the slow average'),
      typeParameter('slowType', 'slow moving average'),
      periodParameter('signalPeriod', 9, 'bars of the signal average', 1),
      typeParameter('signalType', 'signal moving average'),
    ],
    outputs: macdOutputs,
    lookback: (p) =>
      macdextLookback(int(p, 'fastPeriod'), kind(p, 'fastType'), int(p, 'slowPeriod'), kind(p, 'slowType'), int(p, 'signalPeriod'), kind(p, 'signalType')),
    compute: (context, p) => {
      const result = macdext(
        context.input('close'),
        int(p, 'fastPeriod'),
        kind(p, 'fastType'),
        int(p, 'slowPeriod'),
        kind(p, 'slowType'),
        int(p, 'signalPeriod'),
        kind(p, 'signalType'),
      );
      return [result.macd, result.signal, result.histogram];
    },
    createStream: (p) =>
      new MACDEXT(int(p, 'fastPeriod'), kind(p, 'fastType'), int(p, 'slowPeriod'), kind(p, 'slowType'), int(p, 'signalPeriod'), kind(p, 'signalType')),
  },
  {
    name: 'macdfix',
    title: 'MACD with fixed 12/26 factors',
    group: 'momentum',
    inputs: ['close'],
    parameters: [periodParameter('signalPeriod', 9, 'bars of the signal EMA', 1)],
    outputs: macdOutputs,
    lookback: (p) => macdfixLookback(int(p, 'signalPeriod')),
    compute: (context, p) => {
      const result = macdfix(context.input('close'), int(p, 'signalPeriod'));
      return [result.macd, result.signal, result.histogram];
    },
    createStream: (p) => new MACDFIX(int(p, 'signalPeriod')),
  },
  priceOscillatorDefinition('apo', 'Absolute Price Oscillator', false),
  priceOscillatorDefinition('ppo', 'Percentage Price Oscillator', true),
  {
    name: 'trix',
    title: 'TRIX (rate of change of a triple EMA)',
    group: 'momentum',
    inputs: ['close'],
    parameters: [periodParameter('period', 30, 'bars of each of the three EMAs', 1)],
    outputs: ['trix'],
    lookback: (p) => trixLookback(int(p, 'period')),
    compute: (context, p) => [context.shared(`trix:close:${p.period}`, () => trix(context.input('close'), int(p, 'period')))],
    createStream: (p) => new TRIX(int(p, 'period')),
  },
];
