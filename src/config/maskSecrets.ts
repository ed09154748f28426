/**
 * A deep copy of `value` with passwords in URLs and secret-looking keys replaced by `***`,
 * for `tickforge config show` and logs.
 */
export function maskSecrets<T>(value: T): T {
  return mask(value, '') as T;
}

const secretKey = /(password|secret|token|apikey|api_key|passphrase)$/i;

function mask(value: unknown, key: string): unknown {
  if (typeof value === 'string') {
    if (secretKey.test(key)) return '***';
    return maskUrlPassword(value);
  }
  if (Array.isArray(value)) return value.map((item) => mask(item, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v, k)]));
  }
  return value;
}

/** `scheme://user:password@host` -> `scheme://user:***@host`; other strings unchanged. */
function maskUrlPassword(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):([^@\s]*)@/i, '$1:***@');
}
