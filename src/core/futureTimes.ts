/**
 * The times of the `horizon` observations after the last of `times` (ms UTC, ascending): in
 * calendar months when every time is a month start at midnight (monthly, quarterly, yearly
 * series, whose steps vary from 28 to 366 days), else in the most common step between times.
 * Undefined when fewer than two times give no step.
 */
export function futureTimes(times: ArrayLike<number>, horizon: number): Float64Array | undefined {
  const n = times.length;
  if (n < 2) return undefined;
  const out = new Float64Array(horizon);
  const monthStarts = Array.from(times).every((time) => {
    const date = new Date(time);
    return date.getUTCDate() === 1 && time % 86_400_000 === 0;
  });
  if (monthStarts) {
    const months = (time: number) => new Date(time).getUTCFullYear() * 12 + new Date(time).getUTCMonth();
    const step = mostCommon(Array.from({ length: n - 1 }, (_, i) => months(times[i + 1]) - months(times[i])));
    const last = months(times[n - 1]);
    for (let h = 1; h <= horizon; h++) {
      const month = last + h * step;
      out[h - 1] = Date.UTC(Math.floor(month / 12), month % 12, 1);
    }
    return out;
  }
  const step = mostCommon(Array.from({ length: n - 1 }, (_, i) => times[i + 1] - times[i]));
  for (let h = 1; h <= horizon; h++) out[h - 1] = times[n - 1] + h * step;
  return out;
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  let best = values[0];
  for (const value of values) {
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    if (count > counts.get(best)! || (count === counts.get(best)! && value < best)) best = value;
  }
  return best;
}
