/**
 * A secret from the environment (base64), or — on embedded defaults only — a development secret made once into
 * a file of the data folder, so `npm start` works on a fresh machine and keeps working across restarts.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function secretFromEnvOrDevFile(
  value: string | undefined,
  devFile: string | undefined,
): Buffer | undefined {
  if (value) return Buffer.from(value, 'base64');
  if (!devFile) return undefined;
  try {
    return Buffer.from(readFileSync(devFile, 'utf8').trim(), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(devFile), { recursive: true });
  try {
    writeFileSync(devFile, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    // Another process made it first: theirs is the key.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return Buffer.from(readFileSync(devFile, 'utf8').trim(), 'base64');
}
