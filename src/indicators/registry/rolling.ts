import { BETA, beta } from '../rolling/beta.js';
import { CORREL, correl } from '../rolling/correl.js';
import { MAX, max } from '../rolling/max.js';
import { MAXINDEX, maxindex } from '../rolling/maxindex.js';
import { MEAN } from '../rolling/mean.js';
import { MEDIAN, median } from '../rolling/median.js';
import { MIN, min } from '../rolling/min.js';
import { MINMAX } from '../rolling/minmax.js';
import { MINMAXINDEX } from '../rolling/minmaxindex.js';
import { MININDEX, minindex } from '../rolling/minindex.js';
import { QUANTILE, quantile } from '../rolling/quantile.js';
import { SUM, sum } from '../rolling/sum.js';
import { ZSCORE, zscore } from '../rolling/zscore.js';
import { sma } from '../trend/sma.js';
import { periodParameter, type ComputeContext, type IndicatorDefinition } from './IndicatorDefinition.js';

// Rolling extremes of the close, shared by MIN/MAX/MINMAX and the index functions (the same
// kernel and missing-value rule, so the arrays are identical whichever entry asks first).
const rollingMin = (context: ComputeContext, period: number) => context.shared(`min:close:${period}`, () => min(context.input('close'), period));
const rollingMax = (context: ComputeContext, period: number) => context.shared(`max:close:${period}`, () => max(context.input('close'), period));
const rollingMinIndex = (context: ComputeContext, period: number) => context.shared(`minindex:close:${period}`, () => minindex(context.input('close'), period));
const rollingMaxIndex = (context: ComputeContext, period: number) => context.shared(`maxindex:close:${period}`, () => maxindex(context.input('close'), period));

const window30 = (description: string, min = 2) => periodParameter('period', 30, description, min);

/** Registry entries of the rolling utilities (group `rolling`). */
export const rollingDefinitions: IndicatorDefinition[] = [
  {
    name: 'min',
    title: 'Rolling Minimum',
    group: 'rolling',
    inputs: ['close'],
    parameters: [window30('bars in the window')],
    outputs: ['min'],
    lookback: ({ period }) => (period as number) - 1,
    compute: (context, { period }) => [rollingMin(context, period as number)],
    createStream: ({ period }) => new MIN(period as number),
  },
  {
    name: 'max',
    title: 'Rolling Maximum',
    group: 'rolling',
    inputs: ['close'],
    parameters: [window30('bars in the window')],
    outputs: ['max'],
    lookback: ({ period }) => (period as number) - 1,
    compute: (context, { period }) => [rollingMax(context, period as number)],
    createStream: ({ period }) => new MAX(period as number),
  },
  {
    name: 'minmax',
    title: 'Rolling Minimum and Maximum',
    group: 'rolling',
    inputs: ['close'],
    parameters: [window30('bars in the window')],
    outputs: ['min', 'max'],
    lookback: ({ period }) => (period as number) - 1,
    compute: (context, { period }) => [rollingMin(context, period as number), rollingMax(context, period as number)],
    createStream: ({ period }) => new MINMAX(period as number),
  },
  {
    name: 'minindex',
    title: 'Index of the Rolling Minimum',
    group: 'rolling',
    inputs: ['close'],
    parameters: [window30('bars in the window')],
    outputs: ['minindex'],
    lookback: ({ period }) => (period as number) - 1,
    compute: (context, { period }) => [rollingMinIndex(context, period as number)],
    createStream: ({ period }) => new MININDEX(period as number),
  },
  {
    name: 'maxindex',
    title: 'Index of the Rolling Maximum',
    group: 'rolling',
    inputs: ['close'],
    parameters: [window30('bars in the window')],
    outputs: ['maxindex'],
    lookback: ({ period }) => (period as number) - 1,
    compute: (context, { period }) => [rollingMaxIndex(context, period as number)],
    createStream: ({ period }) => new MAXINDEX(period as number),
  },
  {
    name: 'minmaxindex',
    title: 'Indexes of the Rolling Minimum and Maximum',
    group: 'rolling',
    inputs: ['close'],
    parameters: [window30('bars in the window')],
    outputs: ['minindex', 'maxindex'],
    lookback: ({ period }) => (period as number) - 1,
    compute: (context, { period }) => [rollingMinIndex(context, period as number), rollingMaxIndex(context, period as number)],
    createStream: ({ period }) => new MINMAXINDEX(period as number),
  },
  {
    name: 'sum',
    title: 'Rolling Sum',
    group: 'rolling',
    inputs: ['close'],
    parameters: [window30('bars summed')],
    outputs: ['sum'],
    lookback: ({ period }) => (period as number) - 1,
    compute: (context, { period }) => [context.shared(`sum:close:${period}`, () => sum(context.input('close'), period as number))],
    createStream: ({ period }) => new SUM(period as number),
  },
  {
    name: 'mean',
    title: 'Rolling Mean',
    group: 'rolling',
    inputs: ['close'],
    parameters: [window30('bars averaged', 1)],
    outputs: ['mean'],
    lookback: ({ period }) => (period as number) - 1,
    // The rolling mean is the SMA, value for value: one array for both.
    compute: (context, { period }) => [context.shared(`sma:close:${period}`, () => sma(context.input('close'), period as number))],
    createStream: ({ period }) => new MEAN(period as number),
  },
  {
    name: 'median',
    title: 'Rolling Median',
    group: 'rolling',
    inputs: ['close'],
    parameters: [window30('bars in the window', 1)],
    outputs: ['median'],
    lookback: ({ period }) => (period as number) - 1,
    compute: (context, { period }) => [median(context.input('close'), period as number)],
    createStream: ({ period }) => new MEDIAN(period as number),
  },
  {
    name: 'quantile',
    title: 'Rolling Quantile',
    group: 'rolling',
    inputs: ['close'],
    parameters: [
      window30('bars in the window', 1),
      { name: 'q', kind: 'number', default: 0.5, min: 0, max: 1, description: "quantile, 0 (minimum) to 1 (maximum), linear interpolation as numpy's default" },
    ],
    outputs: ['quantile'],
    lookback: ({ period }) => (period as number) - 1,
    compute: (context, { period, q }) => [quantile(context.input('close'), period as number, q as number)],
    createStream: ({ period, q }) => new QUANTILE(period as number, q as number),
  },
  {
    name: 'zscore',
    title: 'Rolling Z-Score',
    group: 'rolling',
    inputs: ['close'],
    parameters: [window30('bars of the mean and population standard deviation')],
    outputs: ['zscore'],
    lookback: ({ period }) => (period as number) - 1,
    compute: (context, { period }) => [zscore(context.input('close'), period as number)],
    createStream: ({ period }) => new ZSCORE(period as number),
  },
  {
    name: 'correl',
    title: "Pearson's Correlation Coefficient",
    group: 'rolling',
    // Two series; the registry correlates high with low, as TA-Lib's examples do.
    inputs: ['high', 'low'],
    parameters: [window30('bars correlated', 1)],
    outputs: ['correl'],
    lookback: ({ period }) => (period as number) - 1,
    compute: (context, { period }) => [correl(context.input('high'), context.input('low'), period as number)],
    createStream: ({ period }) => new CORREL(period as number),
  },
  {
    name: 'beta',
    title: 'Beta',
    group: 'rolling',
    inputs: ['high', 'low'],
    parameters: [periodParameter('period', 5, 'returns in the regression (needs period + 1 prices)', 1)],
    outputs: ['beta'],
    lookback: ({ period }) => period as number,
    compute: (context, { period }) => [beta(context.input('high'), context.input('low'), period as number)],
    createStream: ({ period }) => new BETA(period as number),
  },
];
