import { TickforgeError } from '../core/errors.js';
import { resolvePlan, type PlanEntry, type ResolvedPlan } from './computeAll.js';
import type { InputName } from './registry/IndicatorDefinition.js';
import type { StreamingIndicator } from './StreamingIndicator.js';

const inputPosition: Record<InputName, number> = { time: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 };

interface PlanStreamEntry {
  stream: StreamingIndicator & Record<string, unknown>;
  /** Positions of the stream's inputs in (time, open, high, low, close, volume). */
  inputs: Int8Array;
  /** Fields of the stream holding outputs 2..n (output 1 is `value`). */
  extraFields: string[];
  /** Position of the entry's first output in `values`. */
  offset: number;
}

type Update = (...values: number[]) => number;

/**
 * The streaming form of a whole plan: every indicator of `computeAll(bars, plan)`, updated bar
 * by bar, its latest outputs in `values` in the plan's column order. This is what a live
 * strategy reads, so that it sees the same columns as its vectorized run.
 *
 * A multi-output stream exposes output 1 as `value` and each further output as a field of the
 * same name, compared without case (MACD's `signal`, STOCH's `slowD`); the constructor checks
 * that every field exists, so a plan that cannot stream fails before the first bar.
 */
export class PlanStream {
  readonly columns: readonly string[];
  /** Latest output of every column, NaN during warm-up. */
  readonly values: Float64Array;
  private readonly entries: PlanStreamEntry[];
  private readonly index: Map<string, number>;
  private readonly bar = new Float64Array(6);

  /** @throws TF_ERR_INDICATOR_UNKNOWN, TF_ERR_INDICATOR_PARAMETER, or TF_ERR_INDICATOR_PARAMETER naming an indicator without a streaming form. */
  constructor(plan: readonly PlanEntry[] | ResolvedPlan) {
    const resolved = Array.isArray(plan) ? resolvePlan(plan as readonly PlanEntry[]) : (plan as ResolvedPlan);
    this.columns = resolved.columns;
    this.values = new Float64Array(resolved.columns.length).fill(NaN);
    this.index = new Map(resolved.columns.map((name, position) => [name, position]));
    let offset = 0;
    this.entries = resolved.entries.map(({ definition, parameters }) => {
      if (definition.createStream === undefined) {
        throw new TickforgeError('TF_ERR_INDICATOR_PARAMETER', `${definition.name} has no streaming form, so it cannot run bar by bar; compute it in batch with computeAll.`, {
          details: { indicator: definition.name },
        });
      }
      const stream = definition.createStream(parameters) as StreamingIndicator & Record<string, unknown>;
      const extraFields = definition.outputs.slice(1).map((output) => {
        const field = fieldsOf(stream).find((name) => name.toLowerCase() === output.toLowerCase());
        if (field === undefined) {
          throw new TickforgeError('TF_ERR_INDICATOR_PARAMETER', `${definition.name}'s stream has no field for its output "${output}".`, { details: { indicator: definition.name, output } });
        }
        return field;
      });
      const entry = { stream, inputs: Int8Array.from(definition.inputs.map((name) => inputPosition[name])), extraFields, offset };
      offset += definition.outputs.length;
      return entry;
    });
  }

  /** Position of a column in `values`. @throws TF_ERR_INDICATOR_UNKNOWN naming the column and the plan's columns. */
  columnIndex(name: string): number {
    const position = this.index.get(name);
    if (position === undefined) {
      throw new TickforgeError('TF_ERR_INDICATOR_UNKNOWN', `The indicator plan has no column "${name}"; its columns are: ${this.columns.join(', ')}.`, { details: { column: name } });
    }
    return position;
  }

  /** The latest value of a column by name. */
  get(name: string): number {
    return this.values[this.columnIndex(name)];
  }

  /** Feeds one closed bar to every indicator and refreshes `values`. */
  update(time: number, open: number, high: number, low: number, close: number, volume: number): Float64Array {
    const bar = this.bar;
    bar[0] = time;
    bar[1] = open;
    bar[2] = high;
    bar[3] = low;
    bar[4] = close;
    bar[5] = volume;
    const values = this.values;
    for (const { stream, inputs, extraFields, offset } of this.entries) {
      const update = stream.update as Update;
      // A switch on the arity avoids allocating an argument array per bar.
      switch (inputs.length) {
        case 1: values[offset] = update.call(stream, bar[inputs[0]]); break;
        case 2: values[offset] = update.call(stream, bar[inputs[0]], bar[inputs[1]]); break;
        case 3: values[offset] = update.call(stream, bar[inputs[0]], bar[inputs[1]], bar[inputs[2]]); break;
        case 4: values[offset] = update.call(stream, bar[inputs[0]], bar[inputs[1]], bar[inputs[2]], bar[inputs[3]]); break;
        case 5: values[offset] = update.call(stream, bar[inputs[0]], bar[inputs[1]], bar[inputs[2]], bar[inputs[3]], bar[inputs[4]]); break;
        default: values[offset] = update.call(stream, bar[inputs[0]], bar[inputs[1]], bar[inputs[2]], bar[inputs[3]], bar[inputs[4]], bar[inputs[5]]);
      }
      for (let k = 0; k < extraFields.length; k++) values[offset + 1 + k] = stream[extraFields[k]] as number;
    }
    return values;
  }

  reset(): void {
    for (const { stream } of this.entries) stream.reset();
    this.values.fill(NaN);
  }
}

function fieldsOf(stream: object): string[] {
  const names = new Set(Object.keys(stream));
  for (let prototype = Object.getPrototypeOf(stream); prototype !== null && prototype !== Object.prototype; prototype = Object.getPrototypeOf(prototype)) {
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
      if (descriptor?.get !== undefined) names.add(name);
    }
  }
  return [...names];
}
