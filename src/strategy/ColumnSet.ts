import { TickforgeError } from '../core/errors.js';

/** Named columns (a strategy's indicator outputs) that fail loudly on a name the plan lacks. */
export class ColumnSet {
  constructor(private readonly columns: ReadonlyMap<string, Float64Array>) {}

  /** @throws TF_ERR_INDICATOR_UNKNOWN naming the column and the columns there are. */
  get(name: string): Float64Array {
    const column = this.columns.get(name);
    if (column === undefined) {
      throw new TickforgeError('TF_ERR_INDICATOR_UNKNOWN', `The indicator plan has no column "${name}"; its columns are: ${[...this.columns.keys()].join(', ')}.`, { details: { column: name } });
    }
    return column;
  }

  names(): string[] {
    return [...this.columns.keys()];
  }
}
