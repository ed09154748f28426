import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = join(fileURLToPath(new URL('.', import.meta.url)), '..');

/**
 * Builds dist/ from the current sources (as `npm install` does), so the suites can time the
 * package users run: worker threads started from dist/ load compiled JavaScript, where threads
 * started from the sources compile every TypeScript file again under tsx (about 0.7 s each).
 */
export function buildPackage(log: (line: string) => void): void {
  log('building dist/ from the sources (tsc -p tsconfig.build.json), so worker threads run the compiled package');
  const result = spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(repoRoot, 'tsconfig.build.json')], { encoding: 'utf8', cwd: repoRoot });
  if (result.status !== 0) throw new Error(`building dist/ failed:\n${result.stdout}${result.stderr}`);
}

/** A module of the compiled package, e.g. compiled<typeof import('../src/parallel/scanUniverse.js')>('parallel/scanUniverse.js'). */
export async function compiled<T>(path: string): Promise<T> {
  return (await import(pathToFileURL(join(repoRoot, 'dist', path)).href)) as T;
}
