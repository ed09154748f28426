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
import type { IndicatorDefinition } from './IndicatorDefinition.js';
import { patternDefinition as pattern, penetrationPatternDefinition } from './patternDefinition.js';

const penetration = { default: 0.3, description: 'fraction of the first body the last close must reach into it' };

/**
 * Registry entries of the candlestick patterns of three candles and more (and the doji star),
 * +100 bullish / -100 bearish / 0 on the pattern's last candle, as TA-Lib's CDL functions.
 * Streaming forms judge the forming candle with the last lookback candles (PatternStream).
 */
export const patternMultiDefinitions: IndicatorDefinition[] = [
  penetrationPatternDefinition('cdlmorningstar', 'Morning Star', cdlMorningStarLookback, cdlMorningStar, penetration),
  penetrationPatternDefinition('cdleveningstar', 'Evening Star', cdlEveningStarLookback, cdlEveningStar, penetration),
  penetrationPatternDefinition('cdlmorningdojistar', 'Morning Doji Star', cdlMorningDojiStarLookback, cdlMorningDojiStar, penetration),
  penetrationPatternDefinition('cdleveningdojistar', 'Evening Doji Star', cdlEveningDojiStarLookback, cdlEveningDojiStar, penetration),
  pattern('cdldojistar', 'Doji Star', cdlDojiStarLookback, cdlDojiStar),
  pattern('cdl3whitesoldiers', 'Three Advancing White Soldiers', cdl3WhiteSoldiersLookback, cdl3WhiteSoldiers),
  pattern('cdl3blackcrows', 'Three Black Crows', cdl3BlackCrowsLookback, cdl3BlackCrows),
  pattern('cdl3inside', 'Three Inside Up/Down', cdl3InsideLookback, cdl3Inside),
  pattern('cdl3outside', 'Three Outside Up/Down', cdl3OutsideLookback, cdl3Outside),
  penetrationPatternDefinition('cdlabandonedbaby', 'Abandoned Baby', cdlAbandonedBabyLookback, cdlAbandonedBaby, penetration),
  pattern('cdlrisefall3methods', 'Rising/Falling Three Methods', cdlRiseFall3MethodsLookback, cdlRiseFall3Methods),
  pattern('cdltasukigap', 'Tasuki Gap', cdlTasukiGapLookback, cdlTasukiGap),
  pattern('cdl3linestrike', 'Three-Line Strike', cdl3LineStrikeLookback, cdl3LineStrike),
  pattern('cdltristar', 'Tristar', cdlTriStarLookback, cdlTriStar),
  pattern('cdlupsidegap2crows', 'Upside Gap Two Crows', cdlUpsideGap2CrowsLookback, cdlUpsideGap2Crows),
  pattern('cdlidentical3crows', 'Identical Three Crows', cdlIdentical3CrowsLookback, cdlIdentical3Crows),
  pattern('cdladvanceblock', 'Advance Block', cdlAdvanceBlockLookback, cdlAdvanceBlock),
];
