import { userInfo } from 'node:os';

/**
 * A URL without a user logs in as the operating-system user, as psql and libpq do. pg itself
 * falls back to $USER only, which is unset in many containers and services; it would then send
 * no user at all and the server refuses with 28000.
 */
export function withDefaultUser(connectionString: string): string {
  const parsed = new URL(connectionString);
  if (parsed.username !== '' || parsed.searchParams.has('user') || process.env.PGUSER || process.env.USER) return connectionString;
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    return connectionString;
  }
  parsed.username = encodeURIComponent(name);
  return parsed.href;
}

/**
 * pg lets a URL's parameters override the client config, so a user's own `?options=` would drop
 * tickforge's search_path and statement_timeout: take it out of the URL and put it in front.
 */
export function splitStartupOptions(connectionString: string): { connectionString: string; startupOptions: string } {
  const parsed = new URL(connectionString);
  const startupOptions = parsed.searchParams.get('options');
  if (startupOptions === null) return { connectionString, startupOptions: '' };
  parsed.searchParams.delete('options');
  return { connectionString: parsed.href.replace(/\?$/, ''), startupOptions };
}
