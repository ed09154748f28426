import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, currentCorrelationId, withCorrelationId } from './logger.js';
import { createMetricsRegistry, registerIngestMetrics } from './metrics.js';

function capture(): { stream: Writable; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk, _encoding, done) { chunks.push(String(chunk)); done(); } });
  return { stream, lines: () => chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes JSON lines that carry the correlation id across awaits', async () => {
    const { stream, lines } = capture();
    const logger = createLogger({ destination: stream, format: 'json' });
    await withCorrelationId(async () => {
      logger.info({ step: 1 }, 'before');
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.info({ step: 2 }, 'after');
    }, 'run-123');
    logger.info('outside');
    const [before, after, outside] = lines();
    expect(before).toMatchObject({ msg: 'before', correlationId: 'run-123', step: 1, level: 30 });
    expect(after).toMatchObject({ msg: 'after', correlationId: 'run-123' });
    expect(outside.correlationId).toBeUndefined();
  });

  it('makes a fresh id per run when none is given', () => {
    const first = withCorrelationId(() => currentCorrelationId());
    const second = withCorrelationId(() => currentCorrelationId());
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(first).not.toBe(second);
  });
});

describe('metrics registry', () => {
  it('exposes registered ingest metrics in the Prometheus text format', async () => {
    const registry = createMetricsRegistry();
    const metrics = registerIngestMetrics(registry);
    metrics.barsStored.inc({ outcome: 'inserted' }, 1259);
    const text = await registry.metrics();
    expect(text).toContain('tickforge_ingest_bars_total{outcome="inserted",app="tickforge"} 1259');
  });
});
