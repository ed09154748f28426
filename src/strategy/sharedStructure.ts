import { analyzeStructure, type StructureAnalysis } from '../analysis/smc/StructureEngine.js';
import { resolveStructureOptions, type StructureOptions } from '../analysis/smc/structureOptions.js';
import type { StrategyInput } from './Strategy.js';

/**
 * The market-structure analysis of the input's bars, computed once per distinct set of
 * options for everything sharing the input's memo (the universe scan and every strategy run
 * over the same series), since it is the costliest part of a structure-based strategy.
 */
export function sharedStructure(input: Pick<StrategyInput, 'bars' | 'memo'>, options: StructureOptions): StructureAnalysis {
  const resolved = resolveStructureOptions(options);
  return input.memo(`structure:${JSON.stringify(resolved)}`, () => analyzeStructure(input.bars, resolved));
}
