import { StructureEngine } from '../../analysis/smc/StructureEngine.js';
import { sharedStructure } from '../sharedStructure.js';
import type { Strategy } from '../Strategy.js';
import { StreamingBias, VisibleBias } from './marketBias.js';
import { SmcPipeline } from './SmcPipeline.js';
import { AnalysisMarket, EngineMarket } from './smcMarket.js';
import { smcParameters, smcSettings } from './smcSettings.js';
import { biasTimeframe, requireHigherInput } from './validateInput.js';

/**
 * Smart Money Concepts, the reference strategy of the structure family: trade in the direction
 * of the higher timeframe's latest break of structure, from an unmitigated order block or fair
 * value gap in the discount (longs) or premium (shorts) half of the dealing range, when a bar
 * rejects the zone; stop beyond the retest's swing plus an ATR buffer, targets at the liquidity
 * ahead (equal highs/lows, previous day/week extremes, the range's far end), and only when the
 * first target pays `minRiskReward` times the risk. See `SmcPipeline` for the order of the
 * steps and each step's file for its rule.
 *
 * Vectorized: `analyzeStructure` over the bars (shared through the input's memo) and `structureBreaks` over the closed higher
 * bars, read bar by bar. Incremental: a `StructureEngine` per symbol and a break detector fed
 * with each higher bar as it closes. Both feed the same `SmcPipeline`, so they emit the same
 * signals.
 */
export const smc: Strategy = {
  name: 'smc',
  title: 'Smart Money Concepts',
  description:
    'Higher-timeframe bias from BOS/CHoCH; an order block or fair value gap in discount (premium) retested and rejected; stop beyond the swing plus an ATR buffer; targets at liquidity; a minimum reward-to-risk.',
  parameters: smcParameters,
  indicators: () => [],
  higherTimeframe: (parameters, base) => biasTimeframe(String(parameters.higherTimeframe), base),
  higherIndicators: () => [],
  run(input, parameters, emit) {
    const settings = smcSettings(parameters, input.bars.timeframe);
    const higher = requireHigherInput(input);
    const bars = input.bars;
    const bias = new VisibleBias(higher.bars, higher.visible, settings.biasStructure);
    const market = new AnalysisMarket(bars, sharedStructure(input, settings.structure), settings);
    const pipeline = new SmcPipeline(settings);
    const time = bars.time;
    for (let i = 0; i < bars.length; i++) {
      // The bias is read at every bar (it records when each break became known); the rest
      // runs only on bars where something can happen.
      const current = bias.at(i, time[i]);
      if (pipeline.idle && !market.touchesZone(i)) continue;
      // The levels are read only when a zone triggers (`loadLevels`).
      if (market.loadBar(i)) pipeline.step(market, current, emit);
    }
  },
  createState(parameters, { timeframe }) {
    const settings = smcSettings(parameters, timeframe);
    const bias = new StreamingBias(settings.biasStructure);
    const market = new EngineMarket(new StructureEngine(settings.structure), settings);
    const pipeline = new SmcPipeline(settings);
    return {
      update(bar, emit) {
        const current = bias.update(bar);
        if (market.load(bar)) pipeline.step(market, current, emit);
      },
    };
  },
};
