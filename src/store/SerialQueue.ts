/**
 * Runs async tasks one after another. A store's writes go through one: a DuckDB connection
 * carries one transaction at a time, and a PostgreSQL ingest must not interleave its chunks with
 * another call's, so queuing keeps each call atomic on its own and its lock order predictable.
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
