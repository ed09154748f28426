import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * DESIGN.md section 2, enforced: reads every import of every source file under src/ and
 * fails on an import the layout forbids. The README's architecture section explains the rules.
 */
const sourceRoot = dirname(fileURLToPath(import.meta.url));

const pure = ['core', 'indicators', 'analysis', 'forecast', 'strategy', 'backtest', 'report'];

/** Areas each area may import (its own area is always allowed). */
const allowed: Record<string, string[]> = {
  core: [],
  indicators: ['core'],
  analysis: ['core', 'indicators'],
  forecast: ['core', 'indicators'],
  strategy: ['core', 'indicators', 'analysis', 'forecast'],
  backtest: ['core', 'indicators', 'analysis', 'forecast', 'strategy'],
  report: ['core', 'indicators', 'analysis', 'forecast', 'strategy', 'backtest'],
  observe: ['core'],
  config: ['core'],
  data: ['core', 'observe', 'store/ports', 'cache/ports'],
  store: ['core', 'observe'],
  cache: ['core', 'observe', 'store/ports'],
  parallel: ['core', 'indicators', 'analysis', 'forecast', 'strategy', 'backtest', 'observe'],
  trade: ['core', 'indicators', 'analysis', 'forecast', 'strategy', 'backtest', 'observe', 'store/ports', 'cache/ports'],
  server: ['core', 'indicators', 'analysis', 'forecast', 'strategy', 'backtest', 'trade', 'data', 'observe', 'config', 'parallel', 'store/ports', 'cache/ports'],
  app: ['*'],
  cli: ['*'],
  '': ['*'], // src/index.ts, the library's public surface
};

/** Adapter folders: only the composition root (app/) constructs them. */
const adapters = ['store/duckdb', 'store/postgres', 'cache/redis', 'cache/memory', 'data/providers/ccxt', 'data/providers/yahoo'];

/** The adapter folder a source path lies in, if any (`data/providers/ccxt/x.ts` -> `data/providers/ccxt`). */
function adapterOf(file: string): string | undefined {
  const path = relative(sourceRoot, file).split(sep).join('/');
  return adapters.find((adapter) => path.startsWith(`${adapter}/`));
}
/** Nothing imports the command line; only the composition root may build the server. */
const neverImported: Record<string, string[]> = { cli: ['cli'], server: ['server', 'app'] };

/** Bare packages a pure domain may use: none have I/O or clocks. */
const purePackages: string[] = [];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function imports(text: string): string[] {
  const found: string[] = [];
  const pattern = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of text.matchAll(pattern)) found.push(match[1] ?? match[2] ?? match[3]);
  return found;
}

/** `store/duckdb/x.ts` -> area `store`, sub-area `store/duckdb`; `index.ts` -> ''. */
function areaOf(file: string): { area: string; subArea: string } {
  const parts = relative(sourceRoot, file).split(sep);
  if (parts.length === 1) return { area: '', subArea: '' };
  return { area: parts[0], subArea: parts.length > 2 ? `${parts[0]}/${parts[1]}` : `${parts[0]}/${parts[1].replace(/\.ts$/, '')}` };
}

function violations(): string[] {
  const problems: string[] = [];
  for (const file of sourceFiles(sourceRoot)) {
    if (file.endsWith('.test.ts')) continue; // tests may reach anywhere to set up real adapters
    const from = areaOf(file);
    const text = readFileSync(file, 'utf8');
    const name = relative(sourceRoot, file);
    for (const specifier of imports(text)) {
      if (!specifier.startsWith('.')) {
        if (pure.includes(from.area) && !specifier.startsWith('node:') && !purePackages.includes(specifier)) {
          problems.push(`${name}: pure area "${from.area}" imports package "${specifier}"`);
        }
        if (pure.includes(from.area) && specifier.startsWith('node:')) problems.push(`${name}: pure area "${from.area}" imports "${specifier}" (I/O)`);
        continue;
      }
      const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
      if (!target.startsWith(sourceRoot)) {
        problems.push(`${name}: imports "${specifier}" outside src/`);
        continue;
      }
      const to = areaOf(target);
      const targetAdapter = adapterOf(target);
      if (targetAdapter !== undefined && targetAdapter !== adapterOf(file) && from.area !== 'app' && from.area !== '') {
        problems.push(`${name}: imports adapter ${targetAdapter} ("${specifier}"); only app/ constructs adapters`);
      }
      if (to.area === from.area) continue;
      for (const [area, importers] of Object.entries(neverImported)) {
        if (to.area === area && !importers.includes(from.area)) problems.push(`${name}: imports ${area}/ ("${specifier}"); nothing outside ${importers.join(', ')} may`);
      }
      const rule = allowed[from.area];
      if (rule === undefined) {
        problems.push(`${name}: area "${from.area}" has no import rule; add it to architecture.test.ts and the README`);
      } else if (!rule.includes('*') && !rule.includes(to.area) && !rule.includes(to.subArea)) {
        problems.push(`${name}: "${from.area}" may not import "${to.subArea}" ("${specifier}")`);
      }
    }
    if (pure.includes(from.area)) {
      const stripped = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const banned of ['Date.now(', 'Math.random(', 'process.', 'new Date()', 'setTimeout(', 'setInterval(']) {
        if (stripped.includes(banned)) problems.push(`${name}: pure area "${from.area}" uses ${banned} (clocks, globals and randomness are injected)`);
      }
    }
  }
  return problems;
}

describe('architecture', () => {
  it('every import follows the layout rules of DESIGN.md section 2', () => {
    expect(violations(), 'forbidden imports').toEqual([]);
  });

  it('the rule checker catches a forbidden import', () => {
    expect(imports(`import { x } from '../store/duckdb/DuckDbCandleStore.js';\nexport * from './y.js';\nconst z = await import('../cli/main.js');`)).toEqual([
      '../store/duckdb/DuckDbCandleStore.js',
      './y.js',
      '../cli/main.js',
    ]);
    expect(areaOf(join(sourceRoot, 'store', 'duckdb', 'DuckDbCandleStore.ts'))).toEqual({ area: 'store', subArea: 'store/duckdb' });
    expect(areaOf(join(sourceRoot, 'store', 'ports.ts'))).toEqual({ area: 'store', subArea: 'store/ports' });
    expect(adapterOf(join(sourceRoot, 'data', 'providers', 'ccxt', 'CcxtProvider.ts'))).toBe('data/providers/ccxt');
    expect(adapterOf(join(sourceRoot, 'data', 'providers', 'ports.ts'))).toBeUndefined();
  });
});
