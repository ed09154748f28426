import { readFileSync, writeFileSync } from 'node:fs';
import { errorDefinitions } from '../src/core/errors.js';

/** Regenerates the table of docs/errors.md from the registry: `npx tsx scripts/errorsDoc.ts`. */
const file = new URL('../docs/errors.md', import.meta.url);
const text = readFileSync(file, 'utf8');
const head = text.slice(0, text.indexOf('|---|') + '|---|---:|---:|:---:|---|'.length);
const rows = Object.entries(errorDefinitions).map(([code, d]) => `| \`${code}\` | ${d.status} | ${d.exitCode} | ${'transient' in d ? 'retried' : ''} | ${d.summary} |`);
writeFileSync(file, `${head}\n${rows.join('\n')}\n`);
