import { describe, expect, it } from 'vitest';
import { isTickforgeError } from '../../core/errors.js';
import { candleColumns, compareWithTalib, plainCandles, randomWalks, sp500Bars } from '../../../test/talibPatternCheck.js';
import { requireSharedData } from '../../../test/sharedData.js';
import { talibAvailable } from '../../../test/talibReference.js';
import { cdlDarkCloudCover, cdlDarkCloudCoverLookback } from './cdlDarkCloudCover.js';

const shared = requireSharedData('CDLDARKCLOUDCOVER on the S&P 500 file');

describe('cdlDarkCloudCover', () => {
  // Long white 99..102 (high 102.25), then black opening 102.5 above that high and closing 100.
  const rows: [number, number, number, number][] = [...plainCandles(11), [99, 102.25, 98.75, 102], [102.5, 102.75, 99.75, 100]];

  it('flags a black candle opening above a long white high and closing below its midpoint (hand-built)', () => {
    const result = cdlDarkCloudCover(...candleColumns(rows));
    expect(cdlDarkCloudCoverLookback()).toBe(11);
    expect(Array.from(result.subarray(0, 11)).every(Number.isNaN)).toBe(true);
    expect(result[11]).toBe(0);
    expect(result[12], 'closes 100 < 102 - 0.5 * 3 = 100.5 and > 99').toBe(-100);
  });

  it('requires a deeper close with a larger penetration (hand-built)', () => {
    const [open, high, low, close] = candleColumns(rows);
    expect(cdlDarkCloudCover(open, high, low, close, 0.8)[12], 'closes 100, not below 102 - 0.8 * 3 = 99.6').toBe(0);
    expect(cdlDarkCloudCover(open, high, low, close, 0.6)[12], 'closes 100 < 102 - 0.6 * 3 = 100.2').toBe(-100);
  });

  it('rejects a penetration outside 0..1, naming it', () => {
    const [open, high, low, close] = candleColumns(rows);
    for (const penetration of [-0.1, 1.5, NaN]) {
      try {
        cdlDarkCloudCover(open, high, low, close, penetration);
        expect.unreachable();
      } catch (error) {
        expect(isTickforgeError(error, 'TF_ERR_INDICATOR_PARAMETER')).toBe(true);
        expect((error as Error).message).toContain(`CDLDARKCLOUDCOVER: penetration must be a finite number from 0 to 1, got ${penetration}`);
      }
    }
  });

  it.skipIf(!talibAvailable)('equals TA-Lib CDLDARKCLOUDCOVER on random walks, penetration 0, 0.3, 0.5 and 1', () => {
    for (const penetration of [0, 0.3, 0.5, 1]) {
      const comparison = compareWithTalib('CDLDARKCLOUDCOVER', (o, h, l, c) => cdlDarkCloudCover(o, h, l, c, penetration), randomWalks(), {
        optInPenetration: penetration,
      });
      expect(comparison.mismatches, `penetration ${penetration}`).toEqual([]);
      if (penetration < 1) expect(comparison.signals).toBeGreaterThan(0);
    }
  });

  it.skipIf(!talibAvailable || !shared)('equals TA-Lib CDLDARKCLOUDCOVER on every S&P 500 symbol, penetration 0.5 and 0.3', async () => {
    const bars = await sp500Bars();
    for (const penetration of [0.5, 0.3]) {
      const comparison = compareWithTalib('CDLDARKCLOUDCOVER', (o, h, l, c) => cdlDarkCloudCover(o, h, l, c, penetration), bars, { optInPenetration: penetration });
      expect(comparison.series).toBe(505);
      expect(comparison.mismatches, `penetration ${penetration}`).toEqual([]);
      expect(comparison.signals).toBeGreaterThan(0);
    }
  });
});
