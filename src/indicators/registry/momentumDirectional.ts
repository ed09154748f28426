import { ADX, adx } from '../momentum/adx.js';
import { ADXR, adxrFromAdx } from '../momentum/adxr.js';
import { AROON, aroon } from '../momentum/aroon.js';
import { AROONOSC, aroonosc } from '../momentum/aroonosc.js';
import { BOP, bop } from '../momentum/bop.js';
import { CCI, cci } from '../momentum/cci.js';
import { DX, dx } from '../momentum/dx.js';
import { MFI, mfi } from '../momentum/mfi.js';
import { MINUS_DI, minusDi } from '../momentum/minusDi.js';
import { MINUS_DM, minusDm } from '../momentum/minusDm.js';
import { PLUS_DI, plusDi } from '../momentum/plusDi.js';
import { PLUS_DM, plusDm } from '../momentum/plusDm.js';
import { ULTOSC, ultosc } from '../momentum/ultosc.js';
import { WILLR, willr } from '../momentum/willr.js';
import { periodParameter, type ComputeContext, type IndicatorDefinition } from './IndicatorDefinition.js';

const hlc = ['high', 'low', 'close'] as const;

function columns(context: ComputeContext): [Float64Array, Float64Array, Float64Array] {
  return [context.input('high'), context.input('low'), context.input('close')];
}

/** One ADX per period and run, shared by ADX and ADXR. */
function sharedAdx(context: ComputeContext, period: number): Float64Array {
  return context.shared(`adx:${period}`, () => adx(...columns(context), period));
}

/** Registry entries of the directional and range oscillators (momentum). */
export const momentumDirectionalDefinitions: IndicatorDefinition[] = [
  {
    name: 'cci',
    title: 'Commodity Channel Index',
    group: 'momentum',
    inputs: hlc,
    parameters: [periodParameter('period', 14, 'bars of the typical-price mean and mean deviation')],
    outputs: ['cci'],
    lookback: ({ period }) => (period as number) - 1,
    compute: (context, { period }) => [cci(...columns(context), period as number)],
    createStream: ({ period }) => new CCI(period as number),
  },
  {
    name: 'willr',
    title: "Williams' %R",
    group: 'momentum',
    inputs: hlc,
    parameters: [periodParameter('period', 14, 'bars of the highest high and lowest low')],
    outputs: ['willr'],
    lookback: ({ period }) => (period as number) - 1,
    compute: (context, { period }) => [willr(...columns(context), period as number)],
    createStream: ({ period }) => new WILLR(period as number),
  },
  {
    name: 'mfi',
    title: 'Money Flow Index',
    group: 'momentum',
    inputs: ['high', 'low', 'close', 'volume'],
    parameters: [periodParameter('period', 14, 'bars of money flow summed')],
    outputs: ['mfi'],
    lookback: ({ period }) => period as number,
    compute: (context, { period }) => [mfi(...columns(context), context.input('volume'), period as number)],
    createStream: ({ period }) => new MFI(period as number),
  },
  {
    name: 'adx',
    title: 'Average Directional Movement Index',
    group: 'momentum',
    inputs: hlc,
    parameters: [periodParameter('period', 14, "bars of Wilder's smoothing of DM, TR and DX")],
    outputs: ['adx'],
    lookback: ({ period }) => 2 * (period as number) - 1,
    compute: (context, { period }) => [sharedAdx(context, period as number)],
    createStream: ({ period }) => new ADX(period as number),
  },
  {
    name: 'adxr',
    title: 'Average Directional Movement Index Rating',
    group: 'momentum',
    inputs: hlc,
    parameters: [periodParameter('period', 14, 'bars of the ADX, averaged with the ADX of period - 1 bars ago')],
    outputs: ['adxr'],
    lookback: ({ period }) => 3 * (period as number) - 2,
    compute: (context, { period }) => [adxrFromAdx(sharedAdx(context, period as number), period as number, new Float64Array(context.length))],
    createStream: ({ period }) => new ADXR(period as number),
  },
  {
    name: 'plus_di',
    title: 'Plus Directional Indicator',
    group: 'momentum',
    inputs: hlc,
    parameters: [periodParameter('period', 14, "bars of Wilder's smoothing of +DM and TR", 1)],
    outputs: ['plus_di'],
    lookback: ({ period }) => period as number,
    compute: (context, { period }) => [plusDi(...columns(context), period as number)],
    createStream: ({ period }) => new PLUS_DI(period as number),
  },
  {
    name: 'minus_di',
    title: 'Minus Directional Indicator',
    group: 'momentum',
    inputs: hlc,
    parameters: [periodParameter('period', 14, "bars of Wilder's smoothing of -DM and TR", 1)],
    outputs: ['minus_di'],
    lookback: ({ period }) => period as number,
    compute: (context, { period }) => [minusDi(...columns(context), period as number)],
    createStream: ({ period }) => new MINUS_DI(period as number),
  },
  {
    name: 'dx',
    title: 'Directional Movement Index',
    group: 'momentum',
    inputs: hlc,
    parameters: [periodParameter('period', 14, "bars of Wilder's smoothing of DM and TR")],
    outputs: ['dx'],
    lookback: ({ period }) => period as number,
    compute: (context, { period }) => [dx(...columns(context), period as number)],
    createStream: ({ period }) => new DX(period as number),
  },
  {
    name: 'plus_dm',
    title: 'Plus Directional Movement',
    group: 'momentum',
    inputs: ['high', 'low'],
    parameters: [periodParameter('period', 14, "bars of Wilder's smoothed sum (1: the raw one-bar +DM)", 1)],
    outputs: ['plus_dm'],
    lookback: ({ period }) => ((period as number) > 1 ? (period as number) - 1 : 1),
    compute: (context, { period }) => [plusDm(context.input('high'), context.input('low'), period as number)],
    createStream: ({ period }) => new PLUS_DM(period as number),
  },
  {
    name: 'minus_dm',
    title: 'Minus Directional Movement',
    group: 'momentum',
    inputs: ['high', 'low'],
    parameters: [periodParameter('period', 14, "bars of Wilder's smoothed sum (1: the raw one-bar -DM)", 1)],
    outputs: ['minus_dm'],
    lookback: ({ period }) => ((period as number) > 1 ? (period as number) - 1 : 1),
    compute: (context, { period }) => [minusDm(context.input('high'), context.input('low'), period as number)],
    createStream: ({ period }) => new MINUS_DM(period as number),
  },
  {
    name: 'aroon',
    title: 'Aroon',
    group: 'momentum',
    inputs: ['high', 'low'],
    parameters: [periodParameter('period', 14, 'bars back searched for the highest high and lowest low (window of period + 1 bars)')],
    outputs: ['down', 'up'],
    lookback: ({ period }) => period as number,
    compute: (context, { period }) => {
      const result = aroon(context.input('high'), context.input('low'), period as number);
      return [result.down, result.up];
    },
    createStream: ({ period }) => new AROON(period as number),
  },
  {
    name: 'aroonosc',
    title: 'Aroon Oscillator',
    group: 'momentum',
    inputs: ['high', 'low'],
    parameters: [periodParameter('period', 14, 'bars back searched for the highest high and lowest low (window of period + 1 bars)')],
    outputs: ['aroonosc'],
    lookback: ({ period }) => period as number,
    compute: (context, { period }) => [aroonosc(context.input('high'), context.input('low'), period as number)],
    createStream: ({ period }) => new AROONOSC(period as number),
  },
  {
    name: 'ultosc',
    title: 'Ultimate Oscillator',
    group: 'momentum',
    inputs: hlc,
    parameters: [
      periodParameter('period1', 7, 'one of the three windows; the shortest of the three gets weight 4', 1),
      periodParameter('period2', 14, 'one of the three windows; the middle one gets weight 2', 1),
      periodParameter('period3', 28, 'one of the three windows; the longest gets weight 1', 1),
    ],
    outputs: ['ultosc'],
    lookback: ({ period1, period2, period3 }) => Math.max(period1 as number, period2 as number, period3 as number),
    compute: (context, { period1, period2, period3 }) => [ultosc(...columns(context), period1 as number, period2 as number, period3 as number)],
    createStream: ({ period1, period2, period3 }) => new ULTOSC(period1 as number, period2 as number, period3 as number),
  },
  {
    name: 'bop',
    title: 'Balance Of Power',
    group: 'momentum',
    inputs: ['open', 'high', 'low', 'close'],
    parameters: [],
    outputs: ['bop'],
    lookback: () => 0,
    compute: (context) => [bop(context.input('open'), ...columns(context))],
    createStream: () => new BOP(),
  },
];
