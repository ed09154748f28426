import { ATR } from '../volatility/atr.js';
import { NATR, natrFromAtr } from '../volatility/natr.js';
import { sharedAverageTrueRange, sharedTrueRange } from '../volatility/sharedTrueRange.js';
import { TRANGE } from '../volatility/trange.js';
import { periodParameter, type IndicatorDefinition } from './IndicatorDefinition.js';

/** Registry entries of the true-range family (volatility): TRANGE, ATR, NATR. */
export const volatilityRangeDefinitions: IndicatorDefinition[] = [
  {
    name: 'trange',
    title: 'True Range',
    group: 'volatility',
    inputs: ['high', 'low', 'close'],
    parameters: [],
    outputs: ['trange'],
    lookback: () => 1,
    compute: (context) => [sharedTrueRange(context)],
    createStream: () => new TRANGE(),
  },
  {
    name: 'atr',
    title: 'Average True Range',
    group: 'volatility',
    inputs: ['high', 'low', 'close'],
    parameters: [periodParameter('period', 14, "bars of Wilder's smoothing of the true range", 1)],
    outputs: ['atr'],
    lookback: ({ period }) => period as number,
    compute: (context, { period }) => [sharedAverageTrueRange(context, period as number)],
    createStream: ({ period }) => new ATR(period as number),
  },
  {
    name: 'natr',
    title: 'Normalized Average True Range',
    group: 'volatility',
    inputs: ['high', 'low', 'close'],
    parameters: [periodParameter('period', 14, 'bars of the ATR, which is then divided by the close (percent)', 1)],
    outputs: ['natr'],
    lookback: ({ period }) => period as number,
    compute: (context, { period }) => {
      const average = sharedAverageTrueRange(context, period as number);
      return [natrFromAtr(average, context.input('close'), new Float64Array(context.length))];
    },
    createStream: ({ period }) => new NATR(period as number),
  },
];
