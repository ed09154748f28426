import type { Bars } from '../../core/index.js';

/**
 * PostgreSQL's binary COPY format for the staging table
 * `(series_id integer, time bigint, open, high, low, close, volume double precision)`, the
 * columns of `candle_values` in its order.
 *
 * Hand-written because it is the hot loop of bulk ingest: every bar passes through it. Binary
 * rather than text COPY, measured on the 619,040-bar S&P 500 file (2-core machine): encoding took
 * ~35 ms binary against ~430-700 ms text (a number-to-string per value), and the server parsed
 * the binary stream in ~250-280 ms against ~440-470 ms for text (no float parsing, no escaping).
 * Binary float8 also carries NaN, -0 and every bit of every double exactly, as text would only
 * through the shortest round-trip formatting.
 *
 * Layout (big-endian): an 11-byte signature, a 32-bit flags field and a 32-bit header-extension
 * length; then per row a 16-bit field count and, per field, a 32-bit byte length and the value;
 * a 16-bit -1 ends the stream.
 */
export const copyHeader = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
export const copyTrailer = Buffer.from([0xff, 0xff]);

const fieldCount = 7;
/** 2 (field count) + series_id (4 + 4) + six 8-byte fields (4 + 8 each). */
export const copyRowBytes = 2 + 8 + 6 * 12;
const twoTo32 = 4_294_967_296;

/**
 * Rows `start` (inclusive) to `end` (exclusive) of `bars` as binary COPY rows tagged with
 * `seriesId`, an int32. Times must be integers (assertStorableBars).
 */
export function encodeCopyRows(bars: Bars, seriesId: number, start: number, end: number): Buffer {
  const buffer = Buffer.allocUnsafe((end - start) * copyRowBytes);
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const { time, open, high, low, close, volume } = bars;
  let offset = 0;
  for (let row = start; row < end; row++) {
    view.setInt16(offset, fieldCount);
    view.setInt32(offset + 2, 4);
    view.setInt32(offset + 6, seriesId);
    // int64 as two 32-bit halves: exact for every integer time a double holds, without a BigInt per row.
    const value = time[row];
    const high32 = Math.floor(value / twoTo32);
    view.setInt32(offset + 10, 8);
    view.setInt32(offset + 14, high32);
    view.setUint32(offset + 18, value - high32 * twoTo32);
    view.setInt32(offset + 22, 8);
    view.setFloat64(offset + 26, open[row]);
    view.setInt32(offset + 34, 8);
    view.setFloat64(offset + 38, high[row]);
    view.setInt32(offset + 46, 8);
    view.setFloat64(offset + 50, low[row]);
    view.setInt32(offset + 58, 8);
    view.setFloat64(offset + 62, close[row]);
    view.setInt32(offset + 70, 8);
    view.setFloat64(offset + 74, volume[row]);
    offset += copyRowBytes;
  }
  return buffer;
}

/**
 * The whole binary COPY stream of a chunk: header, every series' rows tagged with
 * `seriesIds[i]` in buffers of at most `rowsPerBuffer` rows (so a huge series never needs one
 * huge buffer), trailer.
 */
export function* copyStream(chunk: readonly Bars[], seriesIds: readonly number[], rowsPerBuffer = 32_768): Generator<Buffer> {
  yield copyHeader;
  for (let series = 0; series < chunk.length; series++) {
    const bars = chunk[series];
    for (let start = 0; start < bars.length; start += rowsPerBuffer) {
      yield encodeCopyRows(bars, seriesIds[series], start, Math.min(bars.length, start + rowsPerBuffer));
    }
  }
  yield copyTrailer;
}
