import { access } from 'node:fs/promises';

/** Whether an optional city file is present. */
export async function fileExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
