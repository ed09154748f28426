import { Registry, collectDefaultMetrics, Counter, Histogram } from 'prom-client';

/**
 * The one prom-client registry of a tickforge process. Modules register their metrics here
 * (never on prom-client's global default registry) so tests can build a fresh one and the
 * server exposes exactly this one on `/metrics`.
 */
export function createMetricsRegistry(options: { defaultMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app: 'tickforge' });
  if (options.defaultMetrics ?? false) collectDefaultMetrics({ register: registry });
  return registry;
}

export interface IngestMetrics {
  rowsRead: Counter<'format'>;
  barsStored: Counter<'outcome'>;
  repairs: Counter<'repair'>;
  fileSeconds: Histogram<'format'>;
}

export function registerIngestMetrics(registry: Registry): IngestMetrics {
  return {
    rowsRead: new Counter({ name: 'tickforge_ingest_rows_read_total', help: 'Rows read from input files.', labelNames: ['format'], registers: [registry] }),
    barsStored: new Counter({ name: 'tickforge_ingest_bars_total', help: 'Bars written by outcome (inserted, updated, unchanged).', labelNames: ['outcome'], registers: [registry] }),
    repairs: new Counter({ name: 'tickforge_ingest_repairs_total', help: 'Rows repaired or dropped by validation policy, by repair (droppedInvalid, fixedBounds, keptInvalid, droppedDuplicates, sortedRows).', labelNames: ['repair'], registers: [registry] }),
    fileSeconds: new Histogram({ name: 'tickforge_ingest_file_seconds', help: 'Time to read and validate one input file.', labelNames: ['format'], buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30], registers: [registry] }),
  };
}
