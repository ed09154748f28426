import { cdl3BlackCrows, cdl3BlackCrowsLookback } from '../patterns/cdl3BlackCrows.js';
import { cdl3Inside, cdl3InsideLookback } from '../patterns/cdl3Inside.js';
import { cdl3LineStrike, cdl3LineStrikeLookback } from '../patterns/cdl3LineStrike.js';
import { cdl3Outside, cdl3OutsideLookback } from '../patterns/cdl3Outside.js';
import { cdl3WhiteSoldiers, cdl3WhiteSoldiersLookback } from '../patterns/cdl3WhiteSoldiers.js';
import { cdlAbandonedBaby, cdlAbandonedBabyLookback } from '../patterns/cdlAbandonedBaby.js';
import { cdlAdvanceBlock, cdlAdvanceBlockLookback } from '../patterns/cdlAdvanceBlock.js';
import { cdlDojiStar, cdlDojiStarLookback } from '../patterns/cdlDojiStar.js';
import { cdlEveningDojiStar, cdlEveningDojiStarLookback } from '../patterns/cdlEveningDojiStar.js';
import { cdlEveningStar, cdlEveningStarLookback } from '../patterns/cdlEveningStar.js';
import { cdlIdentical3Crows, cdlIdentical3CrowsLookback } from '../patterns/cdlIdentical3Crows.js';
import { cdlMorningDojiStar, cdlMorningDojiStarLookback } from '../patterns/cdlMorningDojiStar.js';
import { cdlMorningStar, cdlMorningStarLookback } from '../patterns/cdlMorningStar.js';
import { cdlRiseFall3Methods, cdlRiseFall3MethodsLookback } from '../patterns/cdlRiseFall3Methods.js';
import { cdlTasukiGap, cdlTasukiGapLookback } from '../patterns/cdlTasukiGap.js';
import { cdlTriStar, cdlTriStarLookback } from '../patterns/cdlTriStar.js';
import { cdlUpsideGap2Crows, cdlUpsideGap2CrowsLookback } from '../patterns/cdlUpsideGap2Crows.js';
import type { ComputeContext, IndicatorDefinition, ParameterDefinition } from './IndicatorDefinition.js';

type Pattern = (open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array) => Float64Array;
type PenetrationPattern = (open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, penetration: number) => Float64Array;

const penetration: ParameterDefinition = {
  name: 'penetration',
  kind: 'number',
  default: 0.3,
  min: 0,
  max: 1,
  description: 'fraction of the first body the last close must reach into it',
};

const ohlc = (context: ComputeContext) => [context.input('open'), context.input('high'), context.input('low'), context.input('close')] as const;

/** A pattern without parameters: TA-Lib's name in lower case, one output of that name. */
function pattern(name: string, title: string, lookback: () => number, compute: Pattern): IndicatorDefinition {
  return {
    name,
    title,
    group: 'pattern',
    inputs: ['open', 'high', 'low', 'close'],
    parameters: [],
    outputs: [name],
    lookback: () => lookback(),
    compute: (context) => [compute(...ohlc(context))],
  };
}

/** A pattern with TA-Lib's optInPenetration (default 0.3). */
function penetrationPattern(name: string, title: string, lookback: (penetration: number) => number, compute: PenetrationPattern): IndicatorDefinition {
  return {
    name,
    title,
    group: 'pattern',
    inputs: ['open', 'high', 'low', 'close'],
    parameters: [penetration],
    outputs: [name],
    lookback: (parameters) => lookback(parameters.penetration as number),
    compute: (context, parameters) => [compute(...ohlc(context), parameters.penetration as number)],
  };
}

/**
 * Registry entries of the candlestick patterns of three candles and more (and the doji star),
 * +100 bullish / -100 bearish / 0 on the pattern's last candle, as TA-Lib's CDL functions.
 * Batch only: a pattern is judged on closed candles.
 */
export const patternMultiDefinitions: IndicatorDefinition[] = [
  penetrationPattern('cdlmorningstar', 'Morning Star', cdlMorningStarLookback, cdlMorningStar),
  penetrationPattern('cdleveningstar', 'Evening Star', cdlEveningStarLookback, cdlEveningStar),
  penetrationPattern('cdlmorningdojistar', 'Morning Doji Star', cdlMorningDojiStarLookback, cdlMorningDojiStar),
  penetrationPattern('cdleveningdojistar', 'Evening Doji Star', cdlEveningDojiStarLookback, cdlEveningDojiStar),
  pattern('cdldojistar', 'Doji Star', cdlDojiStarLookback, cdlDojiStar),
  pattern('cdl3whitesoldiers', 'Three Advancing White Soldiers', cdl3WhiteSoldiersLookback, cdl3WhiteSoldiers),
  pattern('cdl3blackcrows', 'Three Black Crows', cdl3BlackCrowsLookback, cdl3BlackCrows),
  pattern('cdl3inside', 'Three Inside Up/Down', cdl3InsideLookback, cdl3Inside),
  pattern('cdl3outside', 'Three Outside Up/Down', cdl3OutsideLookback, cdl3Outside),
  penetrationPattern('cdlabandonedbaby', 'Abandoned Baby', cdlAbandonedBabyLookback, cdlAbandonedBaby),
  pattern('cdlrisefall3methods', 'Rising/Falling Three Methods', cdlRiseFall3MethodsLookback, cdlRiseFall3Methods),
  pattern('cdltasukigap', 'Tasuki Gap', cdlTasukiGapLookback, cdlTasukiGap),
  pattern('cdl3linestrike', 'Three-Line Strike', cdl3LineStrikeLookback, cdl3LineStrike),
  pattern('cdltristar', 'Tristar', cdlTriStarLookback, cdlTriStar),
  pattern('cdlupsidegap2crows', 'Upside Gap Two Crows', cdlUpsideGap2CrowsLookback, cdlUpsideGap2Crows),
  pattern('cdlidentical3crows', 'Identical Three Crows', cdlIdentical3CrowsLookback, cdlIdentical3Crows),
  pattern('cdladvanceblock', 'Advance Block', cdlAdvanceBlockLookback, cdlAdvanceBlock),
];
