import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passesRiskReward, riskReward } from './riskRewardFilter.js';

describe('risk-reward filter', () => {
  it('divides the reward to the take-profit by the risk to the stop, for longs and shorts', () => {
    expect(riskReward(1, 100, 98, 106)).toBe(3);
    expect(riskReward(-1, 100, 102, 94)).toBe(3);
    expect(riskReward(1, 100, 96, 102)).toBe(0.5);
  });

  it('gives NaN when the stop is not on the losing side, and NaN never passes', () => {
    expect(riskReward(1, 100, 100, 106)).toBeNaN();
    expect(riskReward(-1, 100, 99, 94)).toBeNaN();
    expect(passesRiskReward(NaN, 0)).toBe(false);
  });

  it('passes a ratio equal to the minimum and rejects one just below', () => {
    expect(passesRiskReward(riskReward(1, 100, 99, 102), 2)).toBe(true);
    expect(passesRiskReward(riskReward(1, 100, 99, 101.99), 2)).toBe(false);
  });

  it('is the same ratio for a long and its mirror-image short', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1_000, noNaN: true }), fc.double({ min: 0.01, max: 50, noNaN: true }), fc.double({ min: 0.01, max: 50, noNaN: true }), (entry, risk, reward) => {
        const long = riskReward(1, entry, entry - risk, entry + reward);
        const short = riskReward(-1, entry, entry + risk, entry - reward);
        expect(short).toBeCloseTo(long, 9);
        expect(long).toBeGreaterThan(0);
      }),
    );
  });
});
