import { describe, expect, it } from 'vitest';
import type { Bars, BarColumnName } from '../src/core/Bars.js';
import { expectIndicatorError } from './expectIndicatorError.js';
import { testIndicatorContract } from './indicatorContract.js';
import { testTalibAgreement } from './talibAgreement.js';

// The small hand example of the directional movement family, PLUS_DM to ADXR (rules in directionalMovement.ts):
// bar  high  low  close | up  down  +DM1 -DM1  TR1
//  0    10    8    9    |
//  1    12    9   11    |  2   -1     2    0    3
//  2    11    7    8    | -1    2     0    2    4
//  3    14   10   13    |  3   -3     3    0    6
//  4    13   12   12.5  | -1   -2     0    0    1
//  5    15   10   14    |  2    2     0    0    5   (equal moves: neither)
export const directionalExample: Readonly<Record<'high' | 'low' | 'close', Float64Array>> = {
  high: Float64Array.from([10, 12, 11, 14, 13, 15]),
  low: Float64Array.from([8, 9, 7, 10, 12, 10]),
  close: Float64Array.from([9, 11, 8, 13, 12.5, 14]),
};

/** `actual` has `expected`'s length, NaN where it is NaN and the value to 10 decimals elsewhere. */
export function expectValues(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => (Number.isNaN(value) ? expect(actual[i], `bar ${i}`).toBeNaN() : expect(actual[i], `bar ${i}`).toBeCloseTo(value, 10)));
}

interface DirectionalStream {
  readonly value: number;
  readonly isReady: boolean;
  update(...bar: number[]): number;
  replace(...bar: number[]): number;
  reset(): void;
}

/** One side (plus or minus) of directional movement (DM: high, low) or the directional indicator (DI: high, low, close). */
export interface DirectionalSideSpec {
  /** TA-Lib's name: PLUS_DM, MINUS_DM, PLUS_DI, MINUS_DI. */
  name: string;
  inputs: readonly ('high' | 'low' | 'close')[];
  lookback: (period: number) => number;
  batch: (inputs: Float64Array[], period: number) => Float64Array;
  create: (period: number) => DirectionalStream;
  /** Periods compared with TA-Lib to 1e-10; without 1, period 1 is compared as 100 * TA-Lib's (DI(1), where TA-Lib omits the factor 100). */
  talibPeriods: number[];
  /** Hand-computed values on the example above. */
  handCases: { title: string; checks: { period: number; expected: number[] }[] }[];
}

/** Why the directional family agrees with TA-Lib to 1e-10, not exactly. */
export const directionalTalibWhy = 'multiplication by (period - 1) / period in place of TA-Lib division, rounding at 1e-15 that DX magnifies where +DM is close to -DM';

/** The shared DM/DI suite: contract (periods 1, 2, 14, 30), hand cases, parameter and length errors, TA-Lib agreement. */
export function testDirectionalSide(spec: DirectionalSideSpec): void {
  const { name, inputs, batch } = spec;
  for (const period of [1, 2, 14, 30]) {
    testIndicatorContract({
      name: `${name}(${period})`,
      inputs: [...inputs],
      outputs: ['value'],
      lookback: spec.lookback(period),
      batch: (columns) => [batch(columns, period)],
      create: () => spec.create(period),
      update: (s, bar) => s.update(...bar),
      replace: (s, bar) => s.replace(...bar),
      read: (s) => [s.value],
      isReady: (s) => s.isReady,
      reset: (s) => s.reset(),
    });
  }

  describe(name, () => {
    for (const { title, checks } of spec.handCases) {
      it(title, () => {
        for (const { period, expected } of checks) expectValues(batch(inputs.map((input) => directionalExample[input]), period), expected);
      });
    }

    it('rejects a period outside 1..100000 and inputs of unequal length', () => {
      for (const period of [0, 3.5, NaN, 100_001]) {
        expectIndicatorError(() => batch(inputs.map(() => new Float64Array(40)), period), 'TF_ERR_INDICATOR_PARAMETER', `${name}: period must be a whole number from 1 to 100000, got ${period}`);
      }
      const last = inputs.length - 1;
      expectIndicatorError(() => batch(inputs.map((_, i) => new Float64Array(i === last ? 39 : 40)), 14), 'TF_ERR_INDICATOR_INPUT', `${inputs[last]} 39`);
    });
  });

  const barInputs: BarColumnName[] = [...inputs];
  const compute = (period: number) => (bars: Bars) => [batch(inputs.map((input) => bars[input]), period)];
  testTalibAgreement({
    talibName: name,
    inputs: barInputs,
    tolerance: 1e-10,
    why: directionalTalibWhy,
    cases: spec.talibPeriods.map((period) => ({ options: { optInTimePeriod: period }, compute: compute(period) })),
  });
  if (!spec.talibPeriods.includes(1)) {
    testTalibAgreement({
      talibName: name,
      inputs: barInputs,
      why: 'period 1: TA-Lib returns DM1 / TR1, tickforge 100 * DM1 / TR1',
      cases: [{ options: { optInTimePeriod: 1 }, compute: (bars) => compute(1)(bars).map((values) => values.map((value) => value / 100)) }],
    });
  }
}
