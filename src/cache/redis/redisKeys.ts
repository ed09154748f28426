import { codecVersion } from './codec.js';

/**
 * Key names in Redis. Entries carry the codec version, so a process of another version never
 * reads bytes it would misread; tag sets and locks hold no encoded values and carry none.
 */
export function entryKeyPrefix(namespace: string): string {
  return `${namespace}:v${codecVersion}:`;
}

export function tagKey(namespace: string, tag: string): string {
  return `${namespace}:tag:${tag}`;
}

export function lockKey(namespace: string, key: string): string {
  return `${namespace}:lock:${key}`;
}

export function invalidationChannel(namespace: string): string {
  return `${namespace}:invalidate`;
}

/** A literal string as a SCAN MATCH pattern (glob characters escaped). */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (character) => `\\${character}`);
}
