/** A `StrategyInput.memo` over a map the caller may share between runs over the same bars. */
export function createMemo(store: Map<string, unknown> = new Map()): <T>(key: string, compute: () => T) => T {
  return <T>(key: string, compute: () => T): T => {
    if (!store.has(key)) store.set(key, compute());
    return store.get(key) as T;
  };
}
