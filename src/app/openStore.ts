import { TickforgeError } from '../core/index.js';
import { DuckDbCandleStore } from '../store/duckdb/DuckDbCandleStore.js';
import type { CandleStore } from '../store/ports.js';
import { parseStoreUrl } from '../store/storeUrl.js';

/**
 * Builds the store adapter a URL names. This is the one place that constructs store adapters
 * (DESIGN.md section 2); everything else receives a `CandleStore`.
 */
export async function openStore(url: string): Promise<CandleStore> {
  const location = parseStoreUrl(url);
  if (location.kind === 'duckdb') return DuckDbCandleStore.open(location.path);
  throw new TickforgeError(
    'TF_ERR_STORE_UNSUPPORTED',
    `The PostgreSQL store (${location.redacted}) is not in this version yet; it arrives with the data-sources work. Use --store duckdb:<path> (the default is duckdb:./.tickforge/tickforge.duckdb).`,
    { details: { url: location.redacted } },
  );
}
