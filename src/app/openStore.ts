import { DuckDbCandleStore } from '../store/duckdb/DuckDbCandleStore.js';
import { PostgresCandleStore, type PostgresCandleStoreOptions } from '../store/postgres/PostgresCandleStore.js';
import type { CandleStore } from '../store/ports.js';
import { parseStoreUrl } from '../store/storeUrl.js';

export interface StoreSettings {
  /** Pool and ingest settings of the PostgreSQL store (config `store.postgres`); ignored by DuckDB. */
  postgres?: PostgresCandleStoreOptions;
}

/**
 * Builds the store adapter a URL names. This is the one place that constructs store adapters
 * (DESIGN.md section 2); everything else receives a `CandleStore`.
 */
export async function openStore(url: string, settings: StoreSettings = {}): Promise<CandleStore> {
  const location = parseStoreUrl(url);
  if (location.kind === 'duckdb') return DuckDbCandleStore.open(location.path);
  return PostgresCandleStore.open(location.url, settings.postgres);
}
