import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const indicatorsDir = fileURLToPath(new URL('../../src/indicators/', import.meta.url));
const groups = ['trend', 'momentum', 'volatility', 'volume', 'patterns', 'rolling'];

/** An export of the first existing module among `candidates`, or why there is none. */
export async function loadExport(candidates: string[], exportName: string, description: string): Promise<{ value?: unknown; problem?: string }> {
  const path = candidates.find((candidate) => existsSync(candidate));
  if (path === undefined) return { problem: `${description} does not exist yet` };
  try {
    const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    if (module[exportName] === undefined) return { problem: `${path} has no export ${exportName}` };
    return { value: module[exportName] };
  } catch (error) {
    return { problem: `${path} failed to load: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
}

/** Kernels are looked up in every group folder: the group of each is its author's choice. */
export function loadIndicatorExport(file: string, exportName: string): Promise<{ value?: unknown; problem?: string }> {
  return loadExport(groups.map((group) => join(indicatorsDir, group, `${file}.ts`)), exportName, `src/indicators/<group>/${file}.ts`);
}
