import * as zlib from 'node:zlib';
import { compressSync, uncompressSync } from 'lz4-napi';
import { addExtension, Packr, Unpackr } from 'msgpackr';
import { Bars, barColumnNames } from '../../core/Bars.js';
import { Timeframe } from '../../core/Timeframe.js';
import { cacheCategories, type CacheCategory, type CacheRecord } from '../ports.js';

/**
 * The bytes L2 keeps under a key: a cache record (category, expiry, tags, value) as
 *
 *   header (20 bytes, little-endian)
 *     0  magic "TFCR"
 *     4  format version (`codecVersion`)        5  flags (bit 0: body is lz4)
 *     6  reserved, zero                          8  body length before compression
 *    12  body length as stored                  16  CRC-32 of bytes 0..15 and the stored body
 *   body
 *     u32 length of the msgpack part, the msgpack part, zero padding to a multiple of 8,
 *     then the column section: every Float64Array (and the six columns of every Bars) as raw
 *     little-endian doubles, which the msgpack part points at by offset and length.
 *
 * Columns skip msgpack because per-number encoding costs 9 bytes and a branch per double, and
 * raw bytes round-trip every bit (NaN payloads, -0, infinities) by construction. The checksum
 * is checked before anything is parsed, so garbage, a truncated value or a foreign writer's
 * bytes decode to an error result (a cache miss), never to wrong numbers.
 *
 * Bump `codecVersion` on any change to this layout: keys carry the version, so a process of
 * another version never even reads these bytes.
 */
export const codecVersion = 1;

const magic = 0x52434654; // "TFCR" read as a little-endian u32
const headerBytes = 20;
const flagLz4 = 1;
const knownFlags = flagLz4;

export interface CodecOptions {
  /** Bodies larger than this are tried with lz4 (default 1,024 bytes). */
  compressAboveBytes?: number;
  /** The compressed body is kept only below this fraction of the raw one (default 0.9). */
  keepCompressedBelow?: number;
}

export interface EncodedRecord {
  bytes: Buffer;
  compressed: boolean;
  /** Body length before compression. */
  rawBodyBytes: number;
}

export type DecodeResult = { ok: true; record: CacheRecord } | { ok: false; reason: string };

/** Thrown inside the codec for values it refuses to store; `encodeRecord` callers catch it. */
export class UnencodableValueError extends Error {
  override readonly name = 'UnencodableValueError';
}

// Marker objects that stand for values the msgpack part does not hold itself. They are private
// classes, so registering msgpackr extensions for them changes nothing for other msgpackr users.
class ColumnSlot {
  constructor(
    readonly offset: number,
    readonly length: number,
  ) {}
}
class BarsSlot {
  constructor(
    readonly offset: number,
    readonly length: number,
    readonly symbol: string,
    readonly timeframe: string,
  ) {}
}
class NegativeZeroSlot {}
class MapSlot {
  constructor(readonly entries: unknown[]) {}
}
class TimeframeSlot {
  constructor(readonly code: string) {}
}
const negativeZero = new NegativeZeroSlot();

/** The column section of the value being decoded (msgpackr's extension hooks take no context). */
let decoding: { columns: Uint8Array; canView: boolean } | undefined;

const extensionTypes = { column: 0x46, bars: 0x47, negativeZero: 0x48, map: 0x4d, timeframe: 0x54 } as const;

addExtension({
  Class: ColumnSlot,
  type: extensionTypes.column,
  pack: (slot: ColumnSlot) => u32Pair(slot.offset, slot.length),
  unpack: (data: Uint8Array) => {
    const [offset, length] = readU32Pair(data);
    return readColumn(offset, length);
  },
});
addExtension({
  Class: BarsSlot,
  type: extensionTypes.bars,
  pack: (slot: BarsSlot) => {
    const timeframe = Buffer.from(slot.timeframe, 'utf8');
    const symbol = Buffer.from(slot.symbol, 'utf8');
    return Buffer.concat([u32Pair(slot.offset, slot.length), Buffer.of(timeframe.length), timeframe, symbol]);
  },
  unpack: (data: Uint8Array) => {
    const [offset, length] = readU32Pair(data);
    const timeframeLength = data[8];
    if (data.length < 9 + timeframeLength) throw new Error('bars marker is truncated');
    const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const timeframe = Timeframe.parse(view.toString('utf8', 9, 9 + timeframeLength));
    const symbol = view.toString('utf8', 9 + timeframeLength);
    const block = readColumn(offset, length * barColumnNames.length);
    const column = (index: number) => block.subarray(index * length, (index + 1) * length);
    return new Bars(symbol, timeframe, { time: column(0), open: column(1), high: column(2), low: column(3), close: column(4), volume: column(5) });
  },
});
addExtension({
  Class: NegativeZeroSlot,
  type: extensionTypes.negativeZero,
  pack: () => Buffer.of(0),
  unpack: () => -0,
});
addExtension({
  Class: MapSlot,
  type: extensionTypes.map,
  write: (slot: MapSlot) => slot.entries,
  read: (entries: unknown) => {
    if (!Array.isArray(entries) || entries.length % 2 !== 0) throw new Error('map marker holds no key/value list');
    const map = new Map<unknown, unknown>();
    for (let i = 0; i < entries.length; i += 2) map.set(entries[i], entries[i + 1]);
    return map;
  },
});
addExtension({
  Class: TimeframeSlot,
  type: extensionTypes.timeframe,
  pack: (slot: TimeframeSlot) => Buffer.from(slot.code, 'utf8'),
  unpack: (data: Uint8Array) => Timeframe.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8')),
});

// moreTypes: other typed arrays round-trip as themselves; copyBuffers: a decoded Buffer must
// not pin the (possibly much larger) reply buffer it came in.
const packr = new Packr({ useRecords: false, moreTypes: true });
const unpackr = new Unpackr({ useRecords: false, moreTypes: true, copyBuffers: true });

const littleEndianHost = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** Collects the columns of one value while its structure is prepared for msgpack. */
class ColumnWriter {
  readonly parts: Float64Array[] = [];
  bytes = 0;

  add(column: Float64Array): ColumnSlot {
    const slot = new ColumnSlot(this.bytes, column.length);
    this.parts.push(column);
    this.bytes += column.byteLength;
    return slot;
  }

  addBars(bars: Bars): BarsSlot {
    const slot = new BarsSlot(this.bytes, bars.length, bars.symbol, bars.timeframe.code);
    for (const name of barColumnNames) {
      this.parts.push(bars[name]);
      this.bytes += bars[name].byteLength;
    }
    return slot;
  }

  writeTo(target: Buffer, start: number): void {
    let position = start;
    for (const part of this.parts) {
      const bytes = new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
      target.set(bytes, position);
      if (!littleEndianHost) swapDoubles(target, position, part.byteLength);
      position += part.byteLength;
    }
  }
}

const maxDepth = 64;

/**
 * The value with columns, Bars, -0, Maps and Timeframes replaced by markers. Containers are
 * copied only when something below them was replaced; anything that would not come back as
 * itself (class instances, functions, symbols, cycles) is refused rather than stored changed.
 */
function prepare(value: unknown, columns: ColumnWriter, depth: number): unknown {
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? negativeZero : value;
    case 'string':
    case 'boolean':
    case 'undefined':
    case 'bigint':
      return value;
    case 'function':
    case 'symbol':
      throw new UnencodableValueError(`a ${typeof value} cannot be cached in Redis`);
  }
  if (value === null) return value;
  if (depth > maxDepth) throw new UnencodableValueError(`the value nests deeper than ${maxDepth} levels (or has a cycle)`);
  if (value instanceof Float64Array) return columns.add(value);
  if (value instanceof Bars) return columns.addBars(value);
  if (value instanceof Timeframe) return new TimeframeSlot(value.code);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i] as unknown;
      const prepared = prepare(item, columns, depth + 1);
      if (prepared !== item) (copy ??= value.slice())[i] = prepared;
    }
    return copy ?? value;
  }
  if (value instanceof Map) {
    const entries: unknown[] = [];
    for (const [key, item] of value) entries.push(prepare(key, columns, depth + 1), prepare(item, columns, depth + 1));
    return new MapSlot(entries);
  }
  if (value instanceof Set) return new Set(Array.from(value, (item) => prepare(item, columns, depth + 1)));
  if (value instanceof Date || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) {
    const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'an unknown class';
    throw new UnencodableValueError(`an instance of ${name} would come back from Redis as a plain object`);
  }
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const prepared = prepare(item, columns, depth + 1);
    if (prepared !== item) (copy ??= { ...record })[key] = prepared;
  }
  return copy ?? value;
}

/**
 * The stored form of a record. @throws UnencodableValueError for a value that cannot round-trip
 * exactly (the tier then does not store it).
 */
export function encodeRecord(record: Pick<CacheRecord, 'value' | 'category' | 'expiresAt' | 'tags'>, options: CodecOptions = {}): EncodedRecord {
  const columns = new ColumnWriter();
  const structure = [record.category, record.expiresAt, [...record.tags], prepare(record.value, columns, 0)];
  const packed = packr.pack(structure);
  const columnStart = align8(4 + packed.length);
  const rawBodyBytes = columnStart + columns.bytes;
  const raw = Buffer.allocUnsafe(headerBytes + rawBodyBytes);
  raw.writeUInt32LE(packed.length, headerBytes);
  raw.set(packed, headerBytes + 4);
  raw.fill(0, headerBytes + 4 + packed.length, headerBytes + columnStart);
  columns.writeTo(raw, headerBytes + columnStart);

  let bytes = raw;
  let compressed = false;
  if (rawBodyBytes > (options.compressAboveBytes ?? 1_024)) {
    const packedBody = compressSync(raw.subarray(headerBytes));
    if (packedBody.length < rawBodyBytes * (options.keepCompressedBelow ?? 0.9)) {
      bytes = Buffer.allocUnsafe(headerBytes + packedBody.length);
      bytes.set(packedBody, headerBytes);
      compressed = true;
    }
  }
  bytes.writeUInt32LE(magic, 0);
  bytes[4] = codecVersion;
  bytes[5] = compressed ? flagLz4 : 0;
  bytes.writeUInt16LE(0, 6);
  bytes.writeUInt32LE(rawBodyBytes, 8);
  bytes.writeUInt32LE(bytes.length - headerBytes, 12);
  bytes.writeUInt32LE(checksum(bytes), 16);
  return { bytes, compressed, rawBodyBytes };
}

/** The record held in `bytes`, or why they are not one. Never throws. */
export function decodeRecord(bytes: Uint8Array): DecodeResult {
  try {
    return decodeChecked(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    return { ok: false, reason: `undecodable: ${(error as Error).message}` };
  } finally {
    decoding = undefined;
  }
}

function decodeChecked(bytes: Buffer): DecodeResult {
  if (bytes.length < headerBytes) return { ok: false, reason: `truncated: ${bytes.length} bytes, shorter than the header` };
  if (bytes.readUInt32LE(0) !== magic) return { ok: false, reason: 'not a tickforge cache value (bad magic)' };
  if (bytes[4] !== codecVersion) return { ok: false, reason: `format version ${bytes[4]}, this build reads ${codecVersion}` };
  const flags = bytes[5];
  if ((flags & ~knownFlags) !== 0 || bytes.readUInt16LE(6) !== 0) return { ok: false, reason: `unknown flags ${flags}` };
  const rawLength = bytes.readUInt32LE(8);
  const storedLength = bytes.readUInt32LE(12);
  if (storedLength !== bytes.length - headerBytes) return { ok: false, reason: `truncated: body of ${bytes.length - headerBytes} bytes, header says ${storedLength}` };
  if (checksum(bytes) !== bytes.readUInt32LE(16)) return { ok: false, reason: 'checksum mismatch' };

  let body: Buffer;
  // A decompressed body is a buffer of its own: its columns may be used in place when aligned.
  // A raw body is part of the reply and is copied, so cached columns never pin reply memory.
  let canView = false;
  if ((flags & flagLz4) !== 0) {
    if (storedLength < 4 || bytes.readUInt32LE(headerBytes) !== rawLength) return { ok: false, reason: 'compressed body disagrees with the header length' };
    body = uncompressSync(bytes.subarray(headerBytes));
    if (body.length !== rawLength) return { ok: false, reason: `decompressed to ${body.length} bytes, header says ${rawLength}` };
    canView = true;
  } else {
    if (rawLength !== storedLength) return { ok: false, reason: 'raw body length disagrees with the header' };
    body = bytes.subarray(headerBytes);
  }
  if (body.length < 4) return { ok: false, reason: 'body too short' };
  const packedLength = body.readUInt32LE(0);
  if (4 + packedLength > body.length) return { ok: false, reason: 'msgpack part runs past the body' };
  decoding = { columns: body.subarray(align8(4 + packedLength)), canView };
  const structure = unpackr.unpack(body.subarray(4, 4 + packedLength)) as unknown;
  if (!Array.isArray(structure) || structure.length !== 4) return { ok: false, reason: 'record structure is not [category, expiresAt, tags, value]' };
  const [category, expiresAt, tags, value] = structure as [unknown, unknown, unknown, unknown];
  if (!(cacheCategories as readonly unknown[]).includes(category)) return { ok: false, reason: `unknown category ${String(category)}` };
  if (typeof expiresAt !== 'number' || Number.isNaN(expiresAt)) return { ok: false, reason: 'expiry is not a number' };
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string')) return { ok: false, reason: 'tags are not strings' };
  return { ok: true, record: { value, category: category as CacheCategory, expiresAt, tags: tags as string[], bytes: bytes.length } };
}

function readColumn(offset: number, length: number): Float64Array {
  if (decoding === undefined) throw new Error('column marker outside a tickforge cache value');
  const { columns, canView } = decoding;
  const byteLength = length * 8;
  if (offset % 8 !== 0 || offset + byteLength > columns.length) throw new Error('column marker points outside the column section');
  const start = columns.byteOffset + offset;
  if (canView && littleEndianHost && start % 8 === 0) return new Float64Array(columns.buffer, start, length);
  // Float64Array views need 8-byte alignment, and a copy owns exactly its memory.
  const column = new Float64Array(length);
  const target = new Uint8Array(column.buffer);
  target.set(columns.subarray(offset, offset + byteLength));
  if (!littleEndianHost) swapDoubles(target, 0, byteLength);
  return column;
}

/** CRC-32 of header bytes 0..15 and the body: detects garbage and truncation, ~16 µs per 60 KB. */
function checksum(bytes: Buffer): number {
  return crc32(bytes.subarray(headerBytes), crc32(bytes.subarray(0, 16), 0));
}

const crc32: (data: Uint8Array, initial: number) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function' ? (zlib as unknown as { crc32: (data: Uint8Array, initial: number) => number }).crc32 : crc32Fallback;

let crcTable: Int32Array | undefined;
/** zlib.crc32 arrived in Node 20.15; earlier Node 20 releases use this table-driven version. */
function crc32Fallback(data: Uint8Array, initial: number): number {
  if (crcTable === undefined) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let crc = ~initial;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

function u32Pair(first: number, second: number): Buffer {
  const buffer = Buffer.allocUnsafe(8);
  buffer.writeUInt32LE(first, 0);
  buffer.writeUInt32LE(second, 4);
  return buffer;
}

function readU32Pair(data: Uint8Array): [number, number] {
  if (data.length < 8) throw new Error('marker is truncated');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return [view.getUint32(0, true), view.getUint32(4, true)];
}

function align8(value: number): number {
  return (value + 7) & ~7;
}

/** Big-endian hosts store and read the same little-endian bytes as everyone else. */
function swapDoubles(bytes: Uint8Array, start: number, length: number): void {
  for (let i = start; i < start + length; i += 8) {
    for (let j = 0; j < 4; j++) {
      const a = bytes[i + j];
      bytes[i + j] = bytes[i + 7 - j];
      bytes[i + 7 - j] = a;
    }
  }
}
