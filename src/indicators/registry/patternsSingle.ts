import { cdlBeltHold, cdlBeltHoldLookback } from '../patterns/cdlBeltHold.js';
import { cdlDarkCloudCover, cdlDarkCloudCoverLookback } from '../patterns/cdlDarkCloudCover.js';
import { cdlDoji, cdlDojiLookback } from '../patterns/cdlDoji.js';
import { cdlDragonflyDoji, cdlDragonflyDojiLookback } from '../patterns/cdlDragonflyDoji.js';
import { cdlEngulfing, cdlEngulfingLookback } from '../patterns/cdlEngulfing.js';
import { cdlGravestoneDoji, cdlGravestoneDojiLookback } from '../patterns/cdlGravestoneDoji.js';
import { cdlHammer, cdlHammerLookback } from '../patterns/cdlHammer.js';
import { cdlHangingMan, cdlHangingManLookback } from '../patterns/cdlHangingMan.js';
import { cdlHarami, cdlHaramiLookback } from '../patterns/cdlHarami.js';
import { cdlHaramiCross, cdlHaramiCrossLookback } from '../patterns/cdlHaramiCross.js';
import { cdlHomingPigeon, cdlHomingPigeonLookback } from '../patterns/cdlHomingPigeon.js';
import { cdlInNeck, cdlInNeckLookback } from '../patterns/cdlInNeck.js';
import { cdlInvertedHammer, cdlInvertedHammerLookback } from '../patterns/cdlInvertedHammer.js';
import { cdlKicking, cdlKickingLookback } from '../patterns/cdlKicking.js';
import { cdlLongLeggedDoji, cdlLongLeggedDojiLookback } from '../patterns/cdlLongLeggedDoji.js';
import { cdlMarubozu, cdlMarubozuLookback } from '../patterns/cdlMarubozu.js';
import { cdlMatchingLow, cdlMatchingLowLookback } from '../patterns/cdlMatchingLow.js';
import { cdlOnNeck, cdlOnNeckLookback } from '../patterns/cdlOnNeck.js';
import { cdlPiercing, cdlPiercingLookback } from '../patterns/cdlPiercing.js';
import { cdlShootingStar, cdlShootingStarLookback } from '../patterns/cdlShootingStar.js';
import { cdlSpinningTop, cdlSpinningTopLookback } from '../patterns/cdlSpinningTop.js';
import { cdlThrusting, cdlThrustingLookback } from '../patterns/cdlThrusting.js';
import { cdlTweezerBottom, cdlTweezerBottomLookback } from '../patterns/cdlTweezerBottom.js';
import { cdlTweezerTop, cdlTweezerTopLookback } from '../patterns/cdlTweezerTop.js';
import type { IndicatorDefinition } from './IndicatorDefinition.js';
import { patternDefinition as pattern, penetrationPatternDefinition } from './patternDefinition.js';

/**
 * Registry entries of the one- and two-candle patterns (TA-Lib names, lower case) and the
 * tweezers, which TA-Lib lacks. Streaming forms judge the forming candle with the last lookback candles.
 */
export const patternSingleDefinitions: IndicatorDefinition[] = [
  pattern('cdldoji', 'Doji', cdlDojiLookback, cdlDoji),
  pattern('cdldragonflydoji', 'Dragonfly Doji', cdlDragonflyDojiLookback, cdlDragonflyDoji),
  pattern('cdlgravestonedoji', 'Gravestone Doji', cdlGravestoneDojiLookback, cdlGravestoneDoji),
  pattern('cdllongleggeddoji', 'Long Legged Doji', cdlLongLeggedDojiLookback, cdlLongLeggedDoji),
  pattern('cdlhammer', 'Hammer', cdlHammerLookback, cdlHammer),
  pattern('cdlinvertedhammer', 'Inverted Hammer', cdlInvertedHammerLookback, cdlInvertedHammer),
  pattern('cdlhangingman', 'Hanging Man', cdlHangingManLookback, cdlHangingMan),
  pattern('cdlshootingstar', 'Shooting Star', cdlShootingStarLookback, cdlShootingStar),
  pattern('cdlengulfing', 'Engulfing Pattern', cdlEngulfingLookback, cdlEngulfing),
  pattern('cdlharami', 'Harami Pattern', cdlHaramiLookback, cdlHarami),
  pattern('cdlharamicross', 'Harami Cross Pattern', cdlHaramiCrossLookback, cdlHaramiCross),
  pattern('cdlpiercing', 'Piercing Pattern', cdlPiercingLookback, cdlPiercing),
  penetrationPatternDefinition('cdldarkcloudcover', 'Dark Cloud Cover', cdlDarkCloudCoverLookback, cdlDarkCloudCover, {
    default: 0.5,
    description: 'how deep into the white body the black candle must close, as a fraction of that body',
  }),
  pattern('cdlmarubozu', 'Marubozu', cdlMarubozuLookback, cdlMarubozu),
  pattern('cdlspinningtop', 'Spinning Top', cdlSpinningTopLookback, cdlSpinningTop),
  pattern('cdlkicking', 'Kicking', cdlKickingLookback, cdlKicking),
  pattern('cdlbelthold', 'Belt-hold', cdlBeltHoldLookback, cdlBeltHold),
  pattern('cdlonneck', 'On-Neck Pattern', cdlOnNeckLookback, cdlOnNeck),
  pattern('cdlinneck', 'In-Neck Pattern', cdlInNeckLookback, cdlInNeck),
  pattern('cdlthrusting', 'Thrusting Pattern', cdlThrustingLookback, cdlThrusting),
  pattern('cdlhomingpigeon', 'Homing Pigeon', cdlHomingPigeonLookback, cdlHomingPigeon),
  pattern('cdlmatchinglow', 'Matching Low', cdlMatchingLowLookback, cdlMatchingLow),
  pattern('tweezertop', 'Tweezer Top', cdlTweezerTopLookback, cdlTweezerTop),
  pattern('tweezerbottom', 'Tweezer Bottom', cdlTweezerBottomLookback, cdlTweezerBottom),
];
