import { describe, expect, it } from 'vitest';
import { resolveRouterOptions } from './RouterOptions.js';

describe('resolveRouterOptions', () => {
  it('fills the documented defaults', () => {
    const resolved = resolveRouterOptions();
    expect({ ...resolved, knownAt: undefined, priorities: [...resolved.priorities] }).toEqual({
      conflictRule: 'priority', priorities: [], positionFraction: 1, maxOpenPositions: Infinity, maxExposurePerSymbol: 1, maxTotalExposure: 1,
      exposureOverflow: 'shrink', cooldownBars: 0, cooldownMs: 0, allowShort: true, knownAt: undefined,
    });
    expect(resolved.knownAt({ strategy: 'a', symbol: 'X', index: 0, time: 1000, kind: 'entry', side: 'long', reason: '' })).toBe(1000);
  });

  it('turns a timeframe into the bar close as known-at time', () => {
    const { knownAt } = resolveRouterOptions({ timeframe: '4h' });
    expect(knownAt({ strategy: 'a', symbol: 'X', index: 0, time: 0, kind: 'entry', side: 'long', reason: '' })).toBe(4 * 3_600_000);
  });

  it.each([
    [{ conflictRule: 'hedge' }, /option conflictRule must be one of priority, netting, books, got "hedge"/],
    [{ maxOpenPositions: 0 }, /option maxOpenPositions must be a whole number of at least 1 \(or Infinity\), got 0/],
    [{ maxOpenPositions: 1.5 }, /option maxOpenPositions must be a whole number/],
    [{ maxTotalExposure: -1 }, /option maxTotalExposure must be a number above 0/],
    [{ maxExposurePerSymbol: Number.NaN }, /option maxExposurePerSymbol must be a number above 0/],
    [{ positionFraction: Infinity }, /option positionFraction must be finite/],
    [{ cooldownBars: -2 }, /option cooldownBars must be a whole number of at least 0, got -2/],
    [{ cooldownBars: Infinity }, /option cooldownBars must be a whole number of at least 0, got Infinity/],
    [{ cooldownMs: -5 }, /option cooldownMs must be a finite number of milliseconds/],
    [{ allowShort: 'no' }, /option allowShort must be true or false/],
    [{ exposureOverflow: 'clip' }, /option exposureOverflow must be one of shrink, reject/],
    [{ priorities: { a: 'high' } }, /option priorities.a must be a finite number, got "high"/],
    [{ timeframe: '7h' }, /option timeframe must be a timeframe code \(Unknown timeframe "7h"/],
    [{ timeframe: '1h', knownAt: (s: { time: number }) => s.time }, /option knownAt cannot be given together with timeframe/],
    [{ maxPositions: 3 }, /option maxPositions is unknown; the options are conflictRule, priorities/],
  ])('names the option and the problem: %j', (options, message) => {
    expect(() => resolveRouterOptions(options as never)).toThrow(message);
    expect(() => resolveRouterOptions(options as never)).toThrow(expect.objectContaining({ code: 'TF_ERR_CORE_ARGUMENT_INVALID' }));
  });
});
