import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from './config-error';

const MIN_FILE_SECRET = 32;

/**
 * Read the shared development JWT secret, creating it when missing. Several local processes may
 * start at once, so the file is written under a temporary name and hard-linked into place: the link
 * either creates the complete file or fails because another process won, and everyone then reads
 * the winner's secret.
 */
export function resolveJwtSecret(file: string): string {
  const existing = readSecret(file);
  if (existing !== undefined) return existing;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomUUID()}.tmp`;
    fs.writeFileSync(tmp, randomBytes(48).toString('base64url'), { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      fs.unlinkSync(tmp);
    }
  } catch (e) {
    throw new ConfigError([`JWT_SECRET is unset and ${file} could not be created: ${(e as Error).message}`]);
  }
  const created = readSecret(file);
  if (created === undefined) throw new ConfigError([`JWT_SECRET is unset and ${file} could not be read back`]);
  return created;
}

function readSecret(file: string): string | undefined {
  let content: string;
  try {
    content = fs.readFileSync(file, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError([`JWT_SECRET is unset and ${file} is unreadable: ${(e as Error).message}`]);
  }
  if (content.length < MIN_FILE_SECRET) {
    throw new ConfigError([`JWT_SECRET is unset and ${file} holds fewer than ${MIN_FILE_SECRET} characters`]);
  }
  return content;
}
