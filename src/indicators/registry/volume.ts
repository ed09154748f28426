import { AD, ad, adLookback } from '../volume/ad.js';
import { ADOSC, adoscLookback, adoscOfAd } from '../volume/adosc.js';
import { CMF, cmf, cmfLookback } from '../volume/cmf.js';
import { EMV, emv, emvLookback } from '../volume/emv.js';
import { ForceIndex, force, forceLookback } from '../volume/force.js';
import { OBV, obv, obvLookback } from '../volume/obv.js';
import { periodParameter, type ComputeContext, type IndicatorDefinition } from './IndicatorDefinition.js';

/** The A/D line, shared by AD and ADOSC within one run. */
function sharedAd(context: ComputeContext): Float64Array {
  return context.shared('ad:hlcv', () => ad(context.input('high'), context.input('low'), context.input('close'), context.input('volume')));
}

/** Registry entries of the volume indicators. */
export const volumeDefinitions: IndicatorDefinition[] = [
  {
    name: 'obv',
    title: 'On-Balance Volume',
    group: 'volume',
    inputs: ['close', 'volume'],
    parameters: [],
    outputs: ['obv'],
    lookback: () => obvLookback(),
    compute: (context) => [obv(context.input('close'), context.input('volume'))],
    createStream: () => new OBV(),
  },
  {
    name: 'ad',
    title: 'Chaikin Accumulation/Distribution Line',
    group: 'volume',
    inputs: ['high', 'low', 'close', 'volume'],
    parameters: [],
    outputs: ['ad'],
    lookback: () => adLookback(),
    compute: (context) => [sharedAd(context)],
    createStream: () => new AD(),
  },
  {
    name: 'adosc',
    title: 'Chaikin A/D Oscillator',
    group: 'volume',
    inputs: ['high', 'low', 'close', 'volume'],
    parameters: [
      periodParameter('fastPeriod', 3, 'bars of the fast EMA of the A/D line'),
      periodParameter('slowPeriod', 10, 'bars of the slow EMA of the A/D line'),
    ],
    outputs: ['adosc'],
    lookback: ({ fastPeriod, slowPeriod }) => adoscLookback(fastPeriod as number, slowPeriod as number),
    compute: (context, { fastPeriod, slowPeriod }) => [adoscOfAd(sharedAd(context), fastPeriod as number, slowPeriod as number)],
    createStream: ({ fastPeriod, slowPeriod }) => new ADOSC(fastPeriod as number, slowPeriod as number),
  },
  {
    name: 'cmf',
    title: 'Chaikin Money Flow',
    group: 'volume',
    inputs: ['high', 'low', 'close', 'volume'],
    parameters: [periodParameter('period', 20, 'bars summed', 1)],
    outputs: ['cmf'],
    lookback: ({ period }) => cmfLookback(period as number),
    compute: (context, { period }) => [cmf(context.input('high'), context.input('low'), context.input('close'), context.input('volume'), period as number)],
    createStream: ({ period }) => new CMF(period as number),
  },
  {
    name: 'force',
    title: 'Force Index',
    group: 'volume',
    inputs: ['close', 'volume'],
    parameters: [periodParameter('period', 13, 'bars of EMA smoothing of the one-bar force', 1)],
    outputs: ['force'],
    lookback: ({ period }) => forceLookback(period as number),
    compute: (context, { period }) => [force(context.input('close'), context.input('volume'), period as number)],
    createStream: ({ period }) => new ForceIndex(period as number),
  },
  {
    name: 'emv',
    title: 'Ease of Movement',
    group: 'volume',
    inputs: ['high', 'low', 'volume'],
    parameters: [
      periodParameter('period', 14, 'bars of the simple moving average of the one-bar EMV', 1),
      { name: 'scale', kind: 'number', default: 100_000_000, min: 1e-6, max: 1e15, description: 'volume divisor of the box ratio (sets the units only)' },
    ],
    outputs: ['emv'],
    lookback: ({ period, scale }) => emvLookback(period as number, scale as number),
    compute: (context, { period, scale }) => [emv(context.input('high'), context.input('low'), context.input('volume'), period as number, scale as number)],
    createStream: ({ period, scale }) => new EMV(period as number, scale as number),
  },
];
