import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars, BarColumnName } from '../src/core/Bars.js';
import { realBarsForTalib } from './crossCheckSeries.js';
import { randomWalkBars } from './randomWalk.js';
import { requireSharedData } from './sharedData.js';
import { maxRelativeDifference, talibAligned, talibAvailable } from './talibReference.js';

export interface TalibAgreementCase {
  /** TA-Lib options, e.g. { optInTimePeriod: 14 }. */
  options: Record<string, number>;
  /** tickforge's outputs for the same bars, one per entry of `outputs`. */
  compute: (bars: Bars) => Float64Array[];
}

export interface TalibAgreement {
  /** TA-Lib function name (e.g. 'ADX'). */
  talibName: string;
  /** Bar columns handed to TA-Lib under their TA-Lib input names (open, high, low, close, volume). */
  inputs: readonly BarColumnName[];
  /** TA-Lib output names in the order `compute` returns them (e.g. ['outAroonDown', 'outAroonUp']). */
  outputs?: readonly string[];
  cases: readonly TalibAgreementCase[];
  /** Largest relative difference accepted (default 1e-9). */
  tolerance?: number;
  /** Why the tolerance is what it is, printed in the test name. */
  why?: string;
}

/**
 * Registers the TA-Lib cross-checks of one indicator: a 5,000-bar random walk (three seeds) and
 * the real bars of `realBarsForTalib()`, every case compared output by output with
 * `maxRelativeDifference`, NaN in the same places.
 */
export function testTalibAgreement(check: TalibAgreement): void {
  const tolerance = check.tolerance ?? 1e-9;
  const outputs = check.outputs ?? ['outReal'];
  const sharedData = requireSharedData(`${check.talibName} TA-Lib cross-check on real data`);
  const label = `${check.talibName} to ${tolerance} relative${check.why === undefined ? '' : ` (${check.why})`}`;

  function compare(bars: Bars, where: string): void {
    const inputs = Object.fromEntries(check.inputs.map((name) => [name, bars[name]]));
    for (const testCase of check.cases) {
      const expected = talibAligned(check.talibName, inputs, testCase.options);
      const actual = testCase.compute(bars);
      outputs.forEach((output, k) => {
        const result = maxRelativeDifference(actual[k], expected[output]);
        expect(result.difference, `${where} ${JSON.stringify(testCase.options)} ${output} at ${result.index}`).toBeLessThanOrEqual(tolerance);
      });
    }
  }

  describe.skipIf(!talibAvailable)(`${check.talibName} against TA-Lib`, () => {
    it(`equals ${label} on 5,000-bar random walks`, () => {
      for (const seed of [31, 32, 33]) compare(randomWalkBars(5_000, seed), `random walk ${seed}`);
    });

    describe.skipIf(!sharedData)('on real data', () => {
      let series: Bars[] = [];
      beforeAll(async () => {
        series = await realBarsForTalib();
      });
      it(`equals ${label} on MSFT 2000-2001 and S&P 500 symbols`, () => {
        expect(series.length).toBeGreaterThan(1);
        for (const bars of series) compare(bars, bars.symbol);
      });
    });
  });
}
