import type { ParameterValues } from '../../indicators/registry/IndicatorDefinition.js';
import type { EmitSignal } from '../Signal.js';
import type { Strategy } from '../Strategy.js';

/** One bar as a rule sees it, whichever form runs it. */
export interface RuleBar {
  index: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /**
   * The strategy's indicator values at this bar, one per declared field, at the positions
   * `createRule` was given (`values[at.rsi]`). A typed row rewritten in place: a record keyed
   * by field name cost a dictionary store per field per bar (the store site is shared by
   * every strategy, so it never stays monomorphic), more than most rules themselves.
   */
  readonly values: Float64Array;
}

/** Where each field of a rule sits in `RuleBar.values`. */
export type FieldPositions<Field extends string> = Readonly<Record<Field, number>>;

/** A strategy's decision for one bar; it keeps whatever state it needs between bars. */
export type RuleStep = (bar: RuleBar, emit: EmitSignal) => void;

/**
 * Builds both forms of a strategy from one per-bar rule: `run` feeds it the rows of the
 * batch columns, `createState` the plan stream's latest values, field by field in the same
 * order. Both forms then differ only in the indicator values themselves (the last bits where
 * a batch kernel and a stream sum in another order), which the rules absorb by comparing
 * with `compareLevels`; the decisions, the state and the text are shared code.
 * `columns` maps each field the rule reads to a column of `strategy.indicators(parameters)`;
 * the field's position in `RuleBar.values` is its position in that record.
 */
export function ruleForms<Field extends string>(
  columns: (parameters: ParameterValues) => Record<Field, string>,
  createRule: (parameters: ParameterValues, at: FieldPositions<Field>) => RuleStep,
): Pick<Strategy, 'run' | 'createState'> {
  return {
    run({ bars, indicators }, parameters, emit) {
      const names = columns(parameters);
      const fields = Object.keys(names) as Field[];
      const arrays = fields.map((field) => indicators.get(names[field]));
      const step = createRule(parameters, positionsOf(fields));
      const bar = emptyBar(fields.length);
      const values = bar.values;
      const width = arrays.length;
      const { open, high, low, close } = bars;
      for (let i = 0; i < bars.length; i++) {
        bar.index = i;
        bar.open = open[i];
        bar.high = high[i];
        bar.low = low[i];
        bar.close = close[i];
        for (let k = 0; k < width; k++) values[k] = arrays[k][i];
        step(bar, emit);
      }
    },
    createState(parameters) {
      const names = columns(parameters);
      const fields = Object.keys(names) as Field[];
      const step = createRule(parameters, positionsOf(fields));
      const bar = emptyBar(fields.length);
      const values = bar.values;
      let positions: Int32Array | undefined;
      return {
        update(input, emit) {
          positions ??= Int32Array.from(fields, (field) => input.indicators.columnIndex(names[field]));
          const latest = input.indicators.values;
          bar.index = input.index;
          bar.open = input.open;
          bar.high = input.high;
          bar.low = input.low;
          bar.close = input.close;
          for (let k = 0; k < positions.length; k++) values[k] = latest[positions[k]];
          step(bar, emit);
        },
      };
    },
  };
}

function positionsOf<Field extends string>(fields: readonly Field[]): FieldPositions<Field> {
  return Object.fromEntries(fields.map((field, k) => [field, k])) as FieldPositions<Field>;
}

function emptyBar(width: number): RuleBar {
  return { index: -1, open: NaN, high: NaN, low: NaN, close: NaN, values: new Float64Array(width).fill(NaN) };
}
