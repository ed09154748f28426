import { describe, expect, it } from 'vitest';
import { randomWalkBars } from '../../test/randomWalk.js';
import { estimateBytes } from '../cache/memory/estimateBytes.js';
import { MemoryTier } from '../cache/memory/MemoryTier.js';
import { seriesTag } from '../cache/CachedCandleStore.js';
import { TieredCache } from '../cache/TieredCache.js';
import { Bars } from '../core/Bars.js';
import { forecastUniverseCached } from './forecastUniverseCached.js';

function cache(): TieredCache {
  return new TieredCache({ l1: new MemoryTier({ maxBytes: 1 << 26, policy: 'lru' }), ttlMs: { bars: 60_000, indicators: 60_000, forecasts: 60_000, provider: 60_000 }, sizeOf: estimateBytes });
}

const full = [randomWalkBars(200, 3, 'AAA'), randomWalkBars(220, 4, 'BBB')];
const settings = { horizon: 2, validationWindow: 3 };
const head = (bars: Bars, length: number) => bars.range(bars.time[0], bars.time[length - 1]);

describe('forecastUniverseCached', () => {
  it('fits cold, reuses a result while the data version is the same, refits warm after a new bar, and fits again after an invalidation', async () => {
    const shared = cache();
    const older = full.map((bars) => head(bars, bars.length - 1));
    const first = await forecastUniverseCached(older, shared, { settings, threads: 0 });
    expect([first.cold, first.warm, first.reused]).toEqual([2, 0, 0]);
    const again = await forecastUniverseCached(older, shared, { settings, threads: 0 });
    expect([again.cold, again.warm, again.reused]).toEqual([0, 0, 2]);
    expect(again.forecasts).toEqual(first.forecasts);
    const newer = await forecastUniverseCached(full, shared, { settings, threads: 0 });
    expect([newer.cold, newer.warm, newer.reused]).toEqual([0, 2, 0]);
    expect(newer.forecasts.every((forecast) => forecast.fits === 4)).toBe(true);
    // An upsert of AAA invalidates its results (tagged with the series), not its warm state.
    await shared.invalidate({ tags: [seriesTag('AAA', '1d')] });
    const afterUpsert = await forecastUniverseCached(full, shared, { settings, threads: 0 });
    expect([afterUpsert.cold, afterUpsert.warm, afterUpsert.reused]).toEqual([0, 1, 1]);
    expect(afterUpsert.forecasts.map((forecast) => forecast.symbol)).toEqual(['AAA', 'BBB']);
  }, 60_000);

  it('works without a cache, fitting everything', async () => {
    const result = await forecastUniverseCached(full, undefined, { settings, threads: 0 });
    expect([result.cold, result.warm, result.reused]).toEqual([2, 0, 0]);
  }, 60_000);
});
