import {
  BadRequest,
  BadResponse,
  BadSymbol,
  DDoSProtection,
  ExchangeError,
  NetworkError,
  NotSupported,
  OperationFailed,
  RateLimitExceeded,
  RequestTimeout,
  ArgumentsRequired,
} from 'ccxt';
import { TickforgeError } from '../../../core/index.js';
import { describeRequest, fromHttpFailure, isAbort, requestDetails, type ProviderRequestContext } from '../providerErrors.js';
import { ProviderHttpFailure } from '../providerFetch.js';

export type CcxtRequestContext = ProviderRequestContext;

/**
 * Turns whatever a ccxt call threw into the port's errors. Order matters: ccxt's classes nest
 * (RateLimitExceeded < DDoSProtection < NetworkError < OperationFailed; BadSymbol < BadRequest
 * < ExchangeError), so the most specific test comes first. Caller aborts pass through as they are.
 */
export function toProviderError(error: unknown, context: CcxtRequestContext): unknown {
  if (error instanceof TickforgeError) return error;
  if (isAbort(error) && !(error instanceof OperationFailed)) return error;
  const text = error instanceof Error ? error.message : String(error);
  if (error instanceof ProviderHttpFailure) return fromHttpFailure(error, context);
  if (error instanceof BadSymbol) {
    return new TickforgeError('TF_ERR_PROVIDER_SYMBOL', `${describeRequest(context)}: the exchange does not list "${context.symbol}" (${text}). Use a ccxt unified symbol such as BTC/USDT; \`listSymbols()\` gives the exchange's list.`, {
      cause: error, details: requestDetails(context),
    });
  }
  if (error instanceof RateLimitExceeded || error instanceof DDoSProtection) {
    return new TickforgeError('TF_ERR_PROVIDER_UNAVAILABLE', `${describeRequest(context)}: the exchange refused the request as too frequent (${text}). Retry later, or lower the request rate for this provider.`, {
      cause: error, details: requestDetails(context),
    });
  }
  if (error instanceof NetworkError) {
    // RequestTimeout, ExchangeNotAvailable, OnMaintenance and plain network failures.
    const what = error instanceof RequestTimeout ? 'the request timed out' : 'the exchange is unreachable or unavailable';
    return new TickforgeError('TF_ERR_PROVIDER_UNAVAILABLE', `${describeRequest(context)}: ${what} (${text}). Retry later; check the network or the exchange's status page.`, {
      cause: error, details: requestDetails(context),
    });
  }
  if (error instanceof BadResponse) {
    return new TickforgeError('TF_ERR_PROVIDER_RESPONSE', `${describeRequest(context)}: the exchange answered with a response ccxt cannot read (${text}).`, {
      cause: error, details: requestDetails(context),
    });
  }
  if (error instanceof NotSupported || error instanceof BadRequest || error instanceof ArgumentsRequired) {
    return new TickforgeError('TF_ERR_PROVIDER_FAILED', `${describeRequest(context)}: the exchange rejected the request (${text}); retrying the same request will not help.`, {
      cause: error, details: requestDetails(context),
    });
  }
  if (error instanceof ExchangeError) {
    // An error code ccxt has not classified: may be the exchange under load, so worth a retry.
    return new TickforgeError('TF_ERR_PROVIDER_RESPONSE', `${describeRequest(context)}: the exchange answered with an error (${text}).`, {
      cause: error, details: requestDetails(context),
    });
  }
  // A body that parsed as JSON but not in the shape the exchange class expects (a proxy's error
  // page, a changed API) surfaces as a TypeError from ccxt's parser.
  return new TickforgeError('TF_ERR_PROVIDER_RESPONSE', `${describeRequest(context)}: unexpected failure reading the exchange's answer (${text}).`, {
    cause: error, details: requestDetails(context),
  });
}
