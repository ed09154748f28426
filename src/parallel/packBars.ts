import { Bars, barColumnNames } from '../core/Bars.js';
import { Timeframe } from '../core/Timeframe.js';

/** Bars as one transferable buffer: the six columns back to back, plus what names them. */
export interface PackedBars {
  symbol: string;
  timeframe: string;
  length: number;
  buffer: ArrayBuffer;
}

/**
 * Copies a series into one fresh buffer that can be transferred (moved, not cloned) to a
 * worker; the caller's Bars stay usable. One memcpy per column.
 */
export function packBars(bars: Bars): PackedBars {
  const length = bars.length;
  const buffer = new ArrayBuffer(length * 8 * barColumnNames.length);
  barColumnNames.forEach((name, index) => new Float64Array(buffer, index * length * 8, length).set(bars[name]));
  return { symbol: bars.symbol, timeframe: bars.timeframe.code, length, buffer };
}

export function unpackBars(packed: PackedBars): Bars {
  const { length, buffer } = packed;
  const column = (index: number) => new Float64Array(buffer, index * length * 8, length);
  return new Bars(packed.symbol, Timeframe.parse(packed.timeframe), {
    time: column(0), open: column(1), high: column(2), low: column(3), close: column(4), volume: column(5),
  });
}

/** Output columns as one transferable buffer, in `names` order. */
export interface PackedColumns {
  names: string[];
  length: number;
  buffer: ArrayBuffer;
}

export function packColumns(columns: Map<string, Float64Array>, length: number): PackedColumns {
  const names = [...columns.keys()];
  const buffer = new ArrayBuffer(length * 8 * names.length);
  names.forEach((name, index) => new Float64Array(buffer, index * length * 8, length).set(columns.get(name)!));
  return { names, length, buffer };
}

export function unpackColumns(packed: PackedColumns): Map<string, Float64Array> {
  return new Map(packed.names.map((name, index) => [name, new Float64Array(packed.buffer, index * packed.length * 8, packed.length)]));
}
