import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPrice } from './formatPrice.js';

/** The definition: seven significant digits, then the shortest text of that number. */
const definition = (value: number) => String(Number(value.toPrecision(7)));

describe('formatPrice', () => {
  it('prints seven significant digits without trailing zeros (hand cases)', () => {
    const cases: [number, string][] = [[12.34, '12.34'], [101.23456, '101.2346'], [0.0001234, '0.0001234'], [1234567.8, '1234568'], [0.1 + 0.2, '0.3'], [100, '100'], [-0, '0'], [1e21, '1e+21'], [1.5e-7, '1.5e-7'], [NaN, 'NaN'], [Infinity, 'Infinity']];
    for (const [value, text] of cases) expect(formatPrice(value), String(value)).toBe(text);
  });

  it('equals its definition on any double, quoted in cents or not (property)', () => {
    const cents = fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }).map((n) => n / 100);
    const decimals = fc.tuple(fc.integer({ min: -99_999_999_999, max: 99_999_999_999 }), fc.integer({ min: -20, max: 20 })).map(([mantissa, exponent]) => mantissa * 10 ** exponent);
    fc.assert(fc.property(fc.oneof(cents, decimals, fc.double()), (value) => {
      expect(formatPrice(value)).toBe(definition(value));
    }), { numRuns: 20_000 });
  });
});
