import { Bars } from '../../core/index.js';

/** A V8 object header plus a few fields: the fixed cost of any object or array. */
const objectOverhead = 32;
/** A typed array view and its ArrayBuffer, beyond the data itself. */
const typedArrayOverhead = 96;
/** A string header. */
const stringOverhead = 16;
/** Elements of an array (entries of a Map or Set, keys of an object) looked at before extrapolating. */
const sampleLimit = 64;
/** Deeper than this, a value counts as one object header. */
const depthLimit = 8;
/** Objects measured per call at most; past it each counts as one header (keeps nested samples bounded). */
const objectLimit = 4_096;

interface Budget {
  objects: number;
}

/**
 * The approximate in-memory size of a value, for L1's byte budget: exact for what dominates
 * (the columns of `Bars`, typed arrays, strings at 2 bytes a character), rough for the rest
 * (8 bytes a number, a fixed overhead per object). Bounded: at most 64 elements of each array,
 * Map, Set or object are measured and the rest extrapolated from them, nesting deeper than 8
 * levels (or a cycle) is not followed, and at most 4,096 objects are visited, so estimating a
 * huge or cyclic value stays cheap.
 */
export function estimateBytes(value: unknown): number {
  return Math.ceil(estimate(value, 0, { objects: objectLimit }));
}

function estimate(value: unknown, depth: number, budget: Budget): number {
  switch (typeof value) {
    case 'number':
    case 'boolean':
    case 'undefined':
      return 8;
    case 'bigint':
      return 16 + Math.ceil(value.toString(16).length / 2);
    case 'string':
      return stringOverhead + 2 * value.length;
    case 'symbol':
    case 'function':
      return objectOverhead;
    default:
      break;
  }
  if (typeof value !== 'object' || value === null) return 8;
  if (depth >= depthLimit || --budget.objects < 0) return objectOverhead;
  if (value instanceof Bars) {
    return value.byteLength + 6 * typedArrayOverhead + objectOverhead + estimate(value.symbol, depth + 1, budget);
  }
  if (ArrayBuffer.isView(value)) return value.byteLength + typedArrayOverhead;
  if (value instanceof ArrayBuffer) return value.byteLength + objectOverhead;
  if (Array.isArray(value)) return objectOverhead + 8 * value.length + sampled(value.length, (index) => estimate(value[index], depth + 1, budget));
  if (value instanceof Map) {
    const entries = [...takeFirst(value.entries(), sampleLimit)];
    return objectOverhead + 16 * value.size + extrapolate(value.size, entries, ([key, item]) => estimate(key, depth + 1, budget) + estimate(item, depth + 1, budget));
  }
  if (value instanceof Set) {
    const items = [...takeFirst(value.values(), sampleLimit)];
    return objectOverhead + 8 * value.size + extrapolate(value.size, items, (item) => estimate(item, depth + 1, budget));
  }
  if (value instanceof Date) return objectOverhead;
  const keys = Object.keys(value);
  const record = value as Record<string, unknown>;
  return objectOverhead + 8 * keys.length + sampled(keys.length, (index) => estimate(keys[index], depth + 1, budget) + estimate(record[keys[index]], depth + 1, budget));
}

/** The sum over `count` elements, measuring at most `sampleLimit` of them spread evenly. */
function sampled(count: number, measure: (index: number) => number): number {
  if (count <= sampleLimit) {
    let total = 0;
    for (let index = 0; index < count; index++) total += measure(index);
    return total;
  }
  let total = 0;
  for (let step = 0; step < sampleLimit; step++) total += measure(Math.floor((step * count) / sampleLimit));
  return (total / sampleLimit) * count;
}

function extrapolate<T>(count: number, sample: readonly T[], measure: (item: T) => number): number {
  if (sample.length === 0) return 0;
  let total = 0;
  for (const item of sample) total += measure(item);
  return (total / sample.length) * count;
}

function* takeFirst<T>(iterator: Iterator<T>, limit: number): Generator<T> {
  for (let taken = 0; taken < limit; taken++) {
    const next = iterator.next();
    if (next.done === true) return;
    yield next.value;
  }
}
