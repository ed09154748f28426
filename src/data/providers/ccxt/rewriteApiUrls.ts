import { rebaseUrl } from '../providerFetch.js';

/**
 * Rewrites every URL in a ccxt `urls.api` tree (a string, or nested objects of strings, with
 * `{hostname}` placeholders kept for ccxt to fill in later) so `https://api.example.com/path`
 * becomes `<baseUrl>/api.example.com/path`. Returns a new tree; the input is not changed.
 */
export function rewriteApiUrls(api: unknown, baseUrl: string): unknown {
  if (typeof api === 'string') return rebaseUrl(api, baseUrl);
  if (Array.isArray(api)) return api.map((value) => rewriteApiUrls(value, baseUrl));
  if (api !== null && typeof api === 'object') {
    return Object.fromEntries(Object.entries(api).map(([key, value]) => [key, rewriteApiUrls(value, baseUrl)]));
  }
  return api;
}
