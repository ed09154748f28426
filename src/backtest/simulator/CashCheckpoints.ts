import { Float64Column, Int32Column } from './GrowableColumn.js';

/**
 * The cash after each change (a fill, a funding payment), with the step it happened at, in
 * order. With the fill ledger (each fill's step and the position after it) this is everything
 * the per-step curves hold, so a run records these few rows and the curves are rebuilt on
 * first read (`rebuildCurves`) instead of written at every step of a long run.
 */
export class CashCheckpoints {
  count = 0;
  readonly step = new Int32Column();
  readonly cash = new Float64Column();

  record(step: number, cash: number): void {
    const row = this.count++;
    if (row >= this.step.data.length) {
      this.step.ensure(row);
      this.cash.ensure(row);
    }
    this.step.data[row] = step;
    this.cash.data[row] = cash;
  }
}
