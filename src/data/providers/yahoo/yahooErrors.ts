import { TickforgeError } from '../../../core/index.js';
import { describeRequest, fromHttpFailure, isAbort, requestDetails, type ProviderRequestContext } from '../providerErrors.js';
import { ProviderHttpFailure } from '../providerFetch.js';

/**
 * Turns what yahoo-finance2 threw into the port's errors. 429, 5xx, timeouts and broken bodies
 * never reach the library (the transport classifies them); what is left are Yahoo's own error
 * answers, which the library rethrows as plain errors carrying Yahoo's description (for a
 * `{"chart":{"error":{"code":"Not Found",...}}}` answer) or as an `HTTPError`, and its schema
 * validation. `status` is the HTTP status of the answer, as the transport saw it.
 */
export function toYahooError(error: unknown, context: ProviderRequestContext, status: number | undefined): unknown {
  if (error instanceof TickforgeError || isAbort(error)) return error;
  if (error instanceof ProviderHttpFailure) return fromHttpFailure(error, context);
  const text = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : '';
  const details = requestDetails(context, { status });
  if (name === 'FailedYahooValidationError') {
    return new TickforgeError('TF_ERR_PROVIDER_RESPONSE', `${describeRequest(context)}: Yahoo's answer does not have the shape yahoo-finance2 expects (${text}); if it persists, Yahoo has changed its API: update yahoo-finance2.`, {
      cause: error, details,
    });
  }
  if (status === 404 || /no data found|symbol may be delisted|not found/i.test(text)) {
    return new TickforgeError('TF_ERR_PROVIDER_SYMBOL', `${describeRequest(context)}: Yahoo has no symbol "${context.symbol}" (${text}). Check the spelling and the exchange suffix (e.g. VOD.L, 7203.T, BTC-USD).`, {
      cause: error, details,
    });
  }
  if (status === 422 || /requested range|not available for startTime|granularity/i.test(text)) {
    return new TickforgeError('TF_ERR_PROVIDER_TIMEFRAME', `${describeRequest(context)}: Yahoo does not serve ${context.timeframe} bars for that range (${text}). Intraday history is limited: 1m to 30 days, 5m-30m to 60 days, 1h to 730 days.`, {
      cause: error, details,
    });
  }
  if (status === 400 || name === 'InvalidOptionsError' || name === 'BadRequestError') {
    return new TickforgeError('TF_ERR_PROVIDER_FAILED', `${describeRequest(context)}: Yahoo rejected the request (${text}); retrying it will not help.`, {
      cause: error, details,
    });
  }
  return new TickforgeError('TF_ERR_PROVIDER_RESPONSE', `${describeRequest(context)}: Yahoo's answer could not be used (${text}).`, {
    cause: error, details,
  });
}
