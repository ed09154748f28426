import { describe, expect, it } from 'vitest';
import { Bars, barColumnNames } from '../../core/Bars.js';
import { Random } from '../../core/Random.js';
import { Timeframe } from '../../core/Timeframe.js';
import type { CacheRecord } from '../ports.js';
import { codecVersion, decodeRecord, encodeRecord, UnencodableValueError } from './codec.js';

/** Bit patterns that a per-number text or msgpack encoding could lose. */
const awkward = [NaN, -0, 0, Infinity, -Infinity, 5e-324, -Number.MAX_VALUE, 1 / 3, 2 ** 53 + 2];
const nanWithPayload = new Float64Array(new BigUint64Array([0x7ff8_0000_dead_beefn]).buffer)[0];

function walkBars(length: number, seed: number): Bars {
  const random = Random.fromSeed(seed, 'codec-test');
  const bars = Bars.allocate('BTC/USDT ₿', Timeframe.of('4h'), length);
  let price = 30_000;
  for (let i = 0; i < length; i++) {
    const open = price;
    price *= Math.exp(random.nextGaussian() * 0.01);
    bars.time[i] = Date.UTC(2024, 0, 1) + i * 4 * 3_600_000;
    bars.open[i] = open;
    bars.close[i] = price;
    bars.high[i] = Math.max(open, price) * (1 + random.nextDouble() * 0.002);
    bars.low[i] = Math.min(open, price) * (1 - random.nextDouble() * 0.002);
    bars.volume[i] = random.nextDouble() * 1_000;
  }
  return bars;
}

function record(value: unknown, overrides: Partial<CacheRecord> = {}): CacheRecord {
  return { value, category: 'bars', expiresAt: Infinity, tags: ['series:BTC:4h'], bytes: 0, ...overrides };
}

function bitsOf(column: Float64Array): BigUint64Array {
  return new BigUint64Array(column.buffer.slice(column.byteOffset, column.byteOffset + column.byteLength));
}

function decodeOk(bytes: Uint8Array): CacheRecord {
  const result = decodeRecord(bytes);
  if (!result.ok) throw new Error(`decode failed: ${result.reason}`);
  return result.record;
}

describe('cache codec', () => {
  it('round-trips Bars bit for bit, with NaN payloads, -0 and infinities in the columns', () => {
    const bars = walkBars(1_259, 1);
    for (const [index, value] of [...awkward, nanWithPayload].entries()) bars.close[100 + index] = value;
    bars.volume[7] = -0;
    const encoded = encodeRecord(record(bars, { expiresAt: 1_700_000_000_123, tags: ['a', 'b'] }));
    const decoded = decodeOk(encoded.bytes);
    expect(decoded.category).toBe('bars');
    expect(decoded.expiresAt).toBe(1_700_000_000_123);
    expect(decoded.tags).toEqual(['a', 'b']);
    expect(decoded.bytes).toBe(encoded.bytes.length);
    const back = decoded.value as Bars;
    expect(back).toBeInstanceOf(Bars);
    expect(back.symbol).toBe('BTC/USDT ₿');
    expect(back.timeframe).toBe(Timeframe.of('4h'));
    for (const name of barColumnNames) {
      expect(back[name].byteOffset % 8, `${name} aligned`).toBe(0);
      expect(bitsOf(back[name]), name).toEqual(bitsOf(bars[name]));
    }
    expect(Object.is(back.volume[7], -0)).toBe(true);
  });

  it('round-trips a structure of columns, nested Bars, Maps, -0 scalars, Timeframes and other types', () => {
    const column = Float64Array.from(awkward);
    const value = {
      macd: column,
      nested: [{ bars: walkBars(3, 2).slice(1) }, -0, 'text', null, undefined, true],
      byPeriod: new Map<unknown, unknown>([[14, Float64Array.of(1, -0)], ['x', -0]]),
      timeframe: Timeframe.of('1w'),
      when: new Date(Date.UTC(2024, 5, 1, 12, 30, 15, 250)),
      counts: Int32Array.of(-1, 2, 3),
      big: 2n ** 70n,
      unique: new Set(['a', 'b']),
    };
    const back = decodeOk(encodeRecord(record(value, { category: 'indicators' })).bytes).value as typeof value;
    expect(bitsOf(back.macd)).toEqual(bitsOf(column));
    const innerBars = (back.nested[0] as { bars: Bars }).bars;
    expect(innerBars).toBeInstanceOf(Bars);
    expect(Array.from(innerBars.close)).toEqual(Array.from(walkBars(3, 2).close.subarray(1)));
    expect(Object.is(back.nested[1], -0)).toBe(true);
    expect(back.nested.slice(2)).toEqual(['text', null, undefined, true]);
    expect(back.byPeriod).toBeInstanceOf(Map);
    expect(Object.is((back.byPeriod.get(14) as Float64Array)[1], -0)).toBe(true);
    expect(Object.is(back.byPeriod.get('x'), -0)).toBe(true);
    expect(back.timeframe).toBe(Timeframe.of('1w'));
    expect(back.when.getTime()).toBe(value.when.getTime());
    expect(back.counts).toEqual(value.counts);
    expect(back.big).toBe(2n ** 70n);
    expect(back.unique).toEqual(new Set(['a', 'b']));
  });

  it('compresses only when it pays: random doubles stay raw, repetitive and random-walk bars shrink', () => {
    const random = Random.fromSeed(3, 'noise');
    const noise = new Float64Array(8_000);
    for (let i = 0; i < noise.length; i++) noise[i] = random.nextDouble() * 1e6 - 5e5;
    const raw = encodeRecord(record(noise));
    expect(raw.compressed).toBe(false);
    expect(raw.bytes.length).toBe(20 + raw.rawBodyBytes);
    expect(raw.bytes.length).toBeLessThan(noise.byteLength + 100);

    const flat = encodeRecord(record(new Float64Array(8_000).fill(42.5)));
    expect(flat.compressed).toBe(true);
    expect(flat.bytes.length).toBeLessThan(flat.rawBodyBytes / 20);
    expect(Array.from(decodeOk(flat.bytes).value as Float64Array).every((x) => x === 42.5)).toBe(true);

    const bars = encodeRecord(record(walkBars(1_259, 4)));
    expect(bars.compressed).toBe(bars.bytes.length < bars.rawBodyBytes * 0.9);
    expect(bitsOf((decodeOk(bars.bytes).value as Bars).close)).toEqual(bitsOf(walkBars(1_259, 4).close));

    const small = encodeRecord(record(new Float64Array(16).fill(1)));
    expect(small.compressed).toBe(false);
  });

  it('reports every flipped byte, truncation, foreign bytes and another version as an error, never a value', () => {
    const encoded = encodeRecord(record({ close: Float64Array.of(1, 2, 3, NaN), note: 'x' })).bytes;
    for (let position = 0; position < encoded.length; position++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const damaged = Buffer.from(encoded);
        damaged[position] ^= mask;
        expect(decodeRecord(damaged).ok, `byte ${position} ^ ${mask}`).toBe(false);
      }
    }
    for (let length = 0; length < encoded.length; length++) {
      expect(decodeRecord(encoded.subarray(0, length)).ok, `truncated to ${length}`).toBe(false);
    }
    expect(decodeRecord(Buffer.concat([encoded, Buffer.of(0)])).ok).toBe(false);
    expect(decodeRecord(Buffer.from('{"close":[1,2,3]}')).ok).toBe(false);
    const otherVersion = Buffer.from(encoded);
    otherVersion[4] = codecVersion + 1;
    const result = decodeRecord(otherVersion);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/format version/);

    // A compressed value damaged in its lz4 stream, at many places.
    const compressed = encodeRecord(record(walkBars(1_259, 5))).bytes;
    const random = Random.fromSeed(6, 'flips');
    for (let trial = 0; trial < 200; trial++) {
      const damaged = Buffer.from(compressed);
      damaged[20 + Math.floor(random.nextDouble() * (damaged.length - 20))] ^= 1 + Math.floor(random.nextDouble() * 255);
      expect(decodeRecord(damaged).ok).toBe(false);
    }
  });

  it('decodes into aligned columns that own their memory, whatever the source buffer offset', () => {
    const column = Float64Array.from({ length: 50 }, (_, i) => i * 1.5);
    const encoded = encodeRecord(record(column)).bytes;
    const backing = Buffer.alloc(encoded.length + 3);
    encoded.copy(backing, 3);
    const source = backing.subarray(3);
    const decoded = decodeOk(source).value as Float64Array;
    expect(decoded.byteOffset % 8).toBe(0);
    source.fill(0);
    expect(Array.from(decoded)).toEqual(Array.from(column));
  });

  it('refuses values that would not come back as themselves', () => {
    class Position {
      constructor(readonly size: number) {}
    }
    expect(() => encodeRecord(record(new Position(1)))).toThrow(UnencodableValueError);
    expect(() => encodeRecord(record({ run: () => 1 }))).toThrow(UnencodableValueError);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => encodeRecord(record(cycle))).toThrow(UnencodableValueError);
  });
});
