import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMissingNumber, parseDecimal } from './parseDecimal.js';

const bytes = (text: string) => Buffer.from(text, 'latin1');
const parse = (text: string) => parseDecimal(bytes(text), 0, text.length);

describe('parseDecimal', () => {
  it('reads the plain decimals of market data exactly as Number() does', () => {
    for (const text of ['45.07', '0.14482000', '21157160.30000000', '-0.5', '63.4375', '1824755', '0', '-0', '007.50', '5.', '0.1', '0.3']) {
      expect(Object.is(parse(text), Number(text)), text).toBe(true);
    }
  });

  it('gives the same double as Number() for any double printed by String() or toFixed()', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 20 }), (value, digits) => {
        for (const text of [String(value), Math.abs(value) < 1e21 ? value.toFixed(digits) : String(value)]) {
          expect(Object.is(parse(text), Number(text)), text).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same double as Number() for long digit strings past the exact fast path', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?\d{1,25}(\.\d{1,25})?$/), (text) => {
        expect(Object.is(parse(text), Number(text)), text).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads exponents, a leading plus or dot and infinities through the fallback', () => {
    expect(parse('1e3')).toBe(1000);
    expect(parse('-2.5E-2')).toBe(-0.025);
    expect(parse('+3')).toBe(3);
    expect(parse('.5')).toBe(0.5);
    expect(parse('1.5e+21')).toBe(1.5e21);
    expect(parse('Infinity')).toBe(Infinity);
    expect(parse('-inf')).toBe(-Infinity);
  });

  it('skips spaces and tabs around the number', () => {
    expect(parse('  45.07\t')).toBe(45.07);
  });

  it('gives NaN for text that is no number, including forms Number() would accept', () => {
    for (const text of ['abc', '1.2.3', '0x10', '1,5', '-', '.', '1e', '12abc', '--1']) {
      expect(parse(text), text).toBeNaN();
      expect(isMissingNumber(bytes(text), 0, text.length), text).toBe(false);
    }
  });

  it('reads empty fields and missing-value words as NaN and says they were meant', () => {
    for (const text of ['', '   ', 'NaN', 'nan', 'NA', 'N/A', 'null', 'NULL', 'None']) {
      expect(parse(text), text).toBeNaN();
      expect(isMissingNumber(bytes(text), 0, text.length), text).toBe(true);
    }
  });

  it('parses only the given byte range', () => {
    const line = bytes('x,12.5,y');
    expect(parseDecimal(line, 2, 6)).toBe(12.5);
  });
});
