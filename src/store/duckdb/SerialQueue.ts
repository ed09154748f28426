/**
 * Runs async tasks one after another. A DuckDB connection carries one transaction at a time,
 * so two overlapping upserts on it would interleave their statements inside one transaction;
 * queuing them keeps each call atomic on its own.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    // The chain must survive a failed task; the caller still sees the failure through `result`.
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every task queued so far has settled. */
  async drain(): Promise<void> {
    await this.tail;
  }
}
