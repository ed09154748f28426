import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { TickforgeError } from '../core/errors.js';

/**
 * `stat` for a path the user named.
 * @throws TF_ERR_DATA_FILE_NOT_FOUND when it does not exist, saying where relative paths start.
 */
export async function statInputFile(path: string): Promise<Stats> {
  try {
    return await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new TickforgeError('TF_ERR_DATA_FILE_NOT_FOUND', `${path} does not exist. Check the path (relative paths start at ${process.cwd()}).`, {
        details: { file: path },
        cause: error,
      });
    }
    throw error;
  }
}
