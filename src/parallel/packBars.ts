import { Bars, barColumnNames } from '../core/Bars.js';
import { Timeframe } from '../core/Timeframe.js';

/**
 * Several series as one transferable buffer: for each series its six columns back to back,
 * series after series, plus what names them. One buffer per task keeps the message count
 * (and the cost of crossing threads) independent of how many series a task carries.
 */
export interface PackedUniverse {
  symbols: string[];
  timeframes: string[];
  lengths: number[];
  buffer: ArrayBuffer;
  /** Per series, the lowest low its validation proved (`Bars.validation`), or null when it was not validated: the proof crosses threads with the rows. */
  validations: Array<number | null>;
}

/** Copies the series into one fresh buffer that can be moved to a worker; the caller's Bars stay usable. */
export function packBars(universe: readonly Bars[]): PackedUniverse {
  const total = universe.reduce((n, bars) => n + bars.length, 0);
  const buffer = new ArrayBuffer(total * 8 * barColumnNames.length);
  let offset = 0;
  for (const bars of universe) {
    for (const name of barColumnNames) {
      new Float64Array(buffer, offset, bars.length).set(bars[name]);
      offset += bars.length * 8;
    }
  }
  return {
    symbols: universe.map((b) => b.symbol),
    timeframes: universe.map((b) => b.timeframe.code),
    lengths: universe.map((b) => b.length),
    buffer,
    validations: universe.map((b) => b.validation?.lowestLow ?? null),
  };
}

/** Views over the packed buffer: no copy. */
export function unpackBars(packed: PackedUniverse): Bars[] {
  let offset = 0;
  return packed.lengths.map((length, index) => {
    const column = () => {
      const view = new Float64Array(packed.buffer, offset, length);
      offset += length * 8;
      return view;
    };
    const [time, open, high, low, close, volume] = [column(), column(), column(), column(), column(), column()];
    const bars = new Bars(packed.symbols[index], Timeframe.parse(packed.timeframes[index]), { time, open, high, low, close, volume });
    // The rows are a copy of validated rows: the proof holds for them.
    const lowestLow = packed.validations[index];
    if (typeof lowestLow === 'number') Bars.recordValidation(bars, { lowestLow });
    return bars;
  });
}

/**
 * Output columns of several series, handed over without copying: the arrays' own buffers are
 * transferred (each once, since shared intermediates appear under several names) and each
 * column is re-created on the other side as a view at its offset.
 */
export interface PackedColumns {
  names: string[];
  lengths: number[];
  buffers: ArrayBuffer[];
  /** Per series, per column: buffer index, byte offset. */
  locations: Int32Array;
}

export function packColumns(results: ReadonlyArray<Map<string, Float64Array>>, names: string[], lengths: number[]): PackedColumns {
  const buffers: ArrayBuffer[] = [];
  const indexOf = new Map<ArrayBufferLike, number>();
  const locations = new Int32Array(results.length * names.length * 2);
  let at = 0;
  for (const columns of results) {
    for (const name of names) {
      const column = columns.get(name)!;
      let index = indexOf.get(column.buffer);
      if (index === undefined) {
        index = buffers.length;
        buffers.push(column.buffer as ArrayBuffer);
        indexOf.set(column.buffer, index);
      }
      locations[at++] = index;
      locations[at++] = column.byteOffset;
    }
  }
  return { names, lengths, buffers, locations };
}

export function unpackColumns(packed: PackedColumns): Array<Map<string, Float64Array>> {
  let at = 0;
  return packed.lengths.map((length) => {
    const columns = new Map<string, Float64Array>();
    for (const name of packed.names) {
      const buffer = packed.buffers[packed.locations[at++]];
      columns.set(name, new Float64Array(buffer, packed.locations[at++], length));
    }
    return columns;
  });
}
