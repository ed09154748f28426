import type { Bars } from '../core/Bars.js';
import { formatTime } from '../core/time.js';
import { formatTable } from './formatTable.js';

/**
 * Writes the bar times and indicator columns, one row per bar: CSV (empty during warm-up),
 * JSON records (null during warm-up) or a table. Written in pieces, so a million-bar series
 * never becomes one string.
 */
export async function writeIndicatorColumns(stream: NodeJS.WritableStream, bars: Bars, columns: Map<string, Float64Array>, format: 'csv' | 'json' | 'table'): Promise<void> {
  const names = [...columns.keys()];
  const values = [...columns.values()];
  if (format === 'table') {
    const dateOnly = bars.timeframe.milliseconds >= 86_400_000;
    const rows = Array.from({ length: bars.length }, (_, i) => [formatTime(bars.time[i], dateOnly), ...values.map((column) => (Number.isFinite(column[i]) ? column[i] : ''))]);
    await write(stream, `${formatTable(['timestamp', ...names], rows)}\n`);
    return;
  }
  let text = format === 'csv' ? `timestamp,${names.join(',')}\n` : '[';
  for (let i = 0; i < bars.length; i++) {
    if (format === 'csv') {
      text += formatTime(bars.time[i]);
      for (const column of values) text += Number.isFinite(column[i]) ? `,${column[i]}` : ',';
      text += '\n';
    } else {
      const record: Record<string, string | number | null> = { timestamp: formatTime(bars.time[i]) };
      names.forEach((name, k) => (record[name] = Number.isFinite(values[k][i]) ? values[k][i] : null));
      text += `${i === 0 ? '' : ','}\n  ${JSON.stringify(record)}`;
    }
    if (text.length > 1 << 20) {
      await write(stream, text);
      text = '';
    }
  }
  await write(stream, format === 'json' ? `${text}\n]\n` : text);
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => stream.write(text, (error) => (error ? reject(error) : resolve())));
}
