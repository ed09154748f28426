import { Ichimoku, ichimoku, ichimokuLookback } from '../trend/ichimoku.js';
import { SAR, sar, sarLookback } from '../trend/sar.js';
import { SessionVWAP, sessionVwap, sessionVwapLookback } from '../trend/sessionVwap.js';
import { SuperTrend, supertrendLookback, supertrendOfAtr } from '../trend/supertrend.js';
import { VWAP, vwap, vwapLookback } from '../trend/vwap.js';
import { sharedAverageTrueRange } from '../volatility/sharedTrueRange.js';
import { periodParameter, type IndicatorDefinition } from './IndicatorDefinition.js';

/** Registry entries of the trend systems and volume-weighted prices (trend/overlap). */
export const trendSystemDefinitions: IndicatorDefinition[] = [
  {
    name: 'vwap',
    title: 'Rolling Volume-Weighted Average Price',
    group: 'trend',
    inputs: ['high', 'low', 'close', 'volume'],
    parameters: [periodParameter('period', 20, 'bars in the rolling window', 1)],
    outputs: ['vwap'],
    lookback: ({ period }) => vwapLookback(period as number),
    compute: (context, { period }) => [vwap(context.input('high'), context.input('low'), context.input('close'), context.input('volume'), period as number)],
    createStream: ({ period }) => new VWAP(period as number),
  },
  {
    name: 'sessionvwap',
    title: 'Session Volume-Weighted Average Price with bands',
    group: 'trend',
    inputs: ['time', 'high', 'low', 'close', 'volume'],
    parameters: [
      { name: 'sessionStartMinutes', kind: 'integer', default: 0, min: 0, max: 1439, description: 'minutes after 00:00 UTC at which each daily session starts' },
      { name: 'bandDeviations', kind: 'number', default: 1, min: 0, max: 100, description: 'band width in volume-weighted standard deviations' },
    ],
    outputs: ['vwap', 'upper', 'lower'],
    lookback: ({ sessionStartMinutes, bandDeviations }) => sessionVwapLookback(sessionStartMinutes as number, bandDeviations as number),
    compute: (context, { sessionStartMinutes, bandDeviations }) => {
      const result = sessionVwap(
        context.input('time'),
        context.input('high'),
        context.input('low'),
        context.input('close'),
        context.input('volume'),
        sessionStartMinutes as number,
        bandDeviations as number,
      );
      return [result.vwap, result.upper, result.lower];
    },
    createStream: ({ sessionStartMinutes, bandDeviations }) => new SessionVWAP(sessionStartMinutes as number, bandDeviations as number),
  },
  {
    name: 'sar',
    title: 'Parabolic SAR',
    group: 'trend',
    inputs: ['high', 'low'],
    parameters: [
      { name: 'acceleration', kind: 'number', default: 0.02, min: 0, max: 1, description: 'acceleration factor step (and start)' },
      { name: 'maximum', kind: 'number', default: 0.2, min: 0, max: 1, description: 'largest acceleration factor' },
    ],
    outputs: ['sar'],
    lookback: ({ acceleration, maximum }) => sarLookback(acceleration as number, maximum as number),
    compute: (context, { acceleration, maximum }) => [sar(context.input('high'), context.input('low'), acceleration as number, maximum as number)],
    createStream: ({ acceleration, maximum }) => new SAR(acceleration as number, maximum as number),
  },
  {
    name: 'supertrend',
    title: 'SuperTrend',
    group: 'trend',
    inputs: ['high', 'low', 'close'],
    parameters: [
      periodParameter('period', 10, 'bars of the ATR (Wilder smoothing, as TA-Lib ATR)', 1),
      { name: 'multiplier', kind: 'number', default: 3, min: 0, max: 100, description: 'band distance from hl2 in ATRs' },
    ],
    outputs: ['supertrend', 'direction'],
    lookback: ({ period, multiplier }) => supertrendLookback(period as number, multiplier as number),
    compute: (context, { period, multiplier }) => {
      const high = context.input('high');
      const low = context.input('low');
      const close = context.input('close');
      const averageTrueRange = sharedAverageTrueRange(context, period as number);
      const result = supertrendOfAtr(high, low, close, averageTrueRange, multiplier as number);
      return [result.supertrend, result.direction];
    },
    createStream: ({ period, multiplier }) => new SuperTrend(period as number, multiplier as number),
  },
  {
    name: 'ichimoku',
    title: 'Ichimoku Kinko Hyo (without look-ahead)',
    group: 'trend',
    inputs: ['high', 'low', 'close'],
    parameters: [
      periodParameter('tenkanPeriod', 9, 'bars of the conversion line midpoint', 1),
      periodParameter('kijunPeriod', 26, 'bars of the base line midpoint', 1),
      periodParameter('senkouBPeriod', 52, 'bars of the leading span B midpoint', 1),
      periodParameter('displacement', 26, 'bars between computing the cloud and the bar it is drawn over', 0),
    ],
    outputs: ['tenkan', 'kijun', 'senkouA', 'senkouB', 'chikou'],
    lookback: ({ tenkanPeriod, kijunPeriod, senkouBPeriod, displacement }) =>
      ichimokuLookback(tenkanPeriod as number, kijunPeriod as number, senkouBPeriod as number, displacement as number),
    compute: (context, { tenkanPeriod, kijunPeriod, senkouBPeriod, displacement }) => {
      const result = ichimoku(
        context.input('high'),
        context.input('low'),
        context.input('close'),
        tenkanPeriod as number,
        kijunPeriod as number,
        senkouBPeriod as number,
        displacement as number,
      );
      return [result.tenkan, result.kijun, result.senkouA, result.senkouB, result.chikou];
    },
    createStream: ({ tenkanPeriod, kijunPeriod, senkouBPeriod, displacement }) =>
      new Ichimoku(tenkanPeriod as number, kijunPeriod as number, senkouBPeriod as number, displacement as number),
  },
];
