import { TickforgeError } from '../../core/index.js';
import type { ProviderHttpFailure } from './providerFetch.js';

/** What a failed request was for, so every message names the provider, symbol and time range. */
export interface ProviderRequestContext {
  provider: string;
  symbol: string;
  timeframe: string;
  /** The range this request asked for (ms); absent for a listing request. */
  from?: number;
  to?: number;
}

/** `ccxt:binance BTC/USDT 1h (2024-01-01T00:00:00.000Z .. 2024-01-02T00:00:00.000Z)`. */
export function describeRequest(context: ProviderRequestContext): string {
  const range = context.from === undefined ? 'the market listing' : `${iso(context.from)} .. ${iso(context.to ?? context.from)}`;
  return `${context.provider} ${context.symbol} ${context.timeframe} (${range})`;
}

export function requestDetails(context: ProviderRequestContext, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { provider: context.provider, symbol: context.symbol, timeframe: context.timeframe, from: context.from, to: context.to, ...extra };
}

/** The port's error for a failed HTTP exchange: transient either way, with the server's wait. */
export function fromHttpFailure(failure: ProviderHttpFailure, context: ProviderRequestContext): TickforgeError {
  if (failure.kind === 'response') {
    return new TickforgeError('TF_ERR_PROVIDER_RESPONSE', `${describeRequest(context)}: ${failure.message}. This usually passes; the request is worth retrying.`, {
      cause: failure, details: requestDetails(context, { status: failure.status }),
    });
  }
  const wait = failure.retryAfterMs === undefined ? '' : `; the server asks to wait ${failure.retryAfterMs} ms`;
  return new TickforgeError('TF_ERR_PROVIDER_UNAVAILABLE', `${describeRequest(context)}: ${failure.message}${wait}. Retry later, or lower the request rate for this provider.`, {
    cause: failure, details: requestDetails(context, { status: failure.status, retryAfterMs: failure.retryAfterMs }),
  });
}

/** A caller's abort (not a provider failure): passed through untouched. */
export function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

function iso(time: number): string {
  return Number.isFinite(time) ? new Date(time).toISOString() : String(time);
}
