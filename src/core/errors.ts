/**
 * The one registry of tickforge errors. Every error a user can meet has a stable code
 * (`TF_ERR_<AREA>_<WHAT>`), an HTTP status for the API, a process exit code for the CLI
 * (2 = bad usage or bad input, 1 = runtime failure) and a summary that `docs/errors.md`
 * repeats; a drift test keeps the two in step.
 */
export const errorDefinitions = {
  TF_ERR_CORE_ARGUMENT_INVALID: { status: 400, exitCode: 2, summary: 'An argument is out of its allowed range.' },
  TF_ERR_CORE_TIMEFRAME_INVALID: { status: 400, exitCode: 2, summary: 'A timeframe string is not one of the supported codes.' },
  TF_ERR_CORE_BARS_SHAPE: { status: 400, exitCode: 2, summary: 'Bar columns have different lengths or a bad capacity.' },
  TF_ERR_DATA_FILE_NOT_FOUND: { status: 404, exitCode: 2, summary: 'An input file or directory does not exist.' },
  TF_ERR_DATA_FILE_UNSUPPORTED: { status: 400, exitCode: 2, summary: 'An input file has an extension tickforge cannot read.' },
  TF_ERR_DATA_FILE_CORRUPT: { status: 400, exitCode: 2, summary: 'An input file is truncated or corrupt (a broken gzip stream).' },
  TF_ERR_DATA_CSV_EMPTY: { status: 400, exitCode: 2, summary: 'A CSV file has no header or no data rows.' },
  TF_ERR_DATA_CSV_HEADER: { status: 400, exitCode: 2, summary: 'A CSV header lacks a required column.' },
  TF_ERR_DATA_CSV_FIELD: { status: 400, exitCode: 2, summary: 'A CSV field cannot be parsed (non-numeric text, a bad date).' },
  TF_ERR_DATA_CSV_QUOTE: { status: 400, exitCode: 2, summary: 'A CSV file has an unterminated quoted field.' },
  TF_ERR_DATA_SYMBOL_MISSING: { status: 400, exitCode: 2, summary: 'No symbol column and no --symbol option.' },
  TF_ERR_DATA_TIMEFRAME_UNKNOWN: { status: 400, exitCode: 2, summary: 'The timeframe could not be inferred and was not given.' },
  TF_ERR_DATA_PARQUET: { status: 400, exitCode: 2, summary: 'A Parquet file cannot be read or written.' },
  TF_ERR_DATA_INVALID_ROW: { status: 422, exitCode: 2, summary: 'A bar breaks a validation rule (non-finite field, high/low bounds, negative volume).' },
  TF_ERR_DATA_UNSORTED: { status: 422, exitCode: 2, summary: 'Bar times go backwards.' },
  TF_ERR_DATA_DUPLICATE: { status: 422, exitCode: 2, summary: 'Two bars share one time.' },
  TF_ERR_DATA_RESAMPLE: { status: 400, exitCode: 2, summary: 'A resample target is not coarser than, or not a multiple of, the source timeframe.' },
  TF_ERR_INDICATOR_PARAMETER: { status: 400, exitCode: 2, summary: 'An indicator parameter is outside its allowed range.' },
  TF_ERR_INDICATOR_INPUT: { status: 400, exitCode: 2, summary: 'Indicator inputs have unequal lengths or an output array of the wrong length.' },
  TF_ERR_INDICATOR_UNKNOWN: { status: 404, exitCode: 2, summary: 'No indicator or pattern of that name is registered.' },
  TF_ERR_STRATEGY_UNKNOWN: { status: 404, exitCode: 2, summary: 'No strategy of that name is registered.' },
  TF_ERR_STRATEGY_PARAMETER: { status: 400, exitCode: 2, summary: 'A strategy parameter is unknown or outside its allowed range.' },
  TF_ERR_STRATEGY_INPUT: { status: 400, exitCode: 2, summary: 'A strategy was given bars it cannot use (a timeframe too coarse for its higher timeframe, bars out of order).' },
  TF_ERR_STRATEGY_SIGNAL: { status: 500, exitCode: 1, summary: 'A strategy emitted a malformed signal (out of order, a non-finite price, a size outside (0, 1]).' },
  TF_ERR_STRATEGY_ROUTER: { status: 400, exitCode: 2, summary: 'The signal router was given input it cannot route (a malformed signal, a time step already routed, feedback naming an unknown order or book).' },
  TF_ERR_BACKTEST_METRICS_INPUT: { status: 400, exitCode: 2, summary: 'The performance analytics were given input they cannot use (a non-finite or non-positive starting equity, columns of unequal length, times out of order, a bad window).' },
  TF_ERR_BACKTEST_OPTION: { status: 400, exitCode: 2, summary: 'A backtest option is unknown or outside its allowed range (sizing, fees, slippage, leverage, instrument rules).' },
  TF_ERR_BACKTEST_INPUT: { status: 400, exitCode: 2, summary: 'A backtest input does not fit the bars it is given (a column of the wrong length, a signal or order naming an unknown symbol or bar, unsorted bars).' },
  TF_ERR_FORECAST_OPTION: { status: 400, exitCode: 2, summary: 'A forecasting model option is unknown or outside its allowed range (orders, distribution, horizon, bounds, starting values).' },
  TF_ERR_FORECAST_SERIES_TOO_SHORT: { status: 422, exitCode: 2, summary: 'A series has too few observations for the requested model order.' },
  TF_ERR_FORECAST_SERIES_CONSTANT: { status: 422, exitCode: 2, summary: 'A series (or its residuals after the mean model) has no variation, so no variance model can be fitted.' },
  TF_ERR_FORECAST_SERIES_NOT_FINITE: { status: 422, exitCode: 2, summary: 'A series holds NaN or infinite values; drop or fill them before fitting.' },
  TF_ERR_FORECAST_NO_MODEL: { status: 422, exitCode: 2, summary: 'Automatic order selection found no candidate model it could fit (each one failed to converge, was non-stationary or non-invertible, or was refused); the details say why.' },
  TF_ERR_STORE_URL_INVALID: { status: 400, exitCode: 2, summary: 'A store URL has an unknown scheme or a bad form.' },
  TF_ERR_STORE_UNSUPPORTED: { status: 501, exitCode: 2, summary: 'The store kind is recognised but not available in this build.' },
  TF_ERR_STORE_OPEN: { status: 503, exitCode: 1, summary: 'The store could not be opened (locked, unreadable, wrong version).' },
  TF_ERR_STORE_MIGRATION: { status: 500, exitCode: 1, summary: 'A schema migration failed or the database is newer than this tickforge.' },
  TF_ERR_STORE_WRITE: { status: 500, exitCode: 1, summary: 'A write to the store failed; nothing of that batch was committed.' },
  TF_ERR_STORE_QUERY: { status: 500, exitCode: 1, summary: 'A read or bookkeeping query of the store server failed (statement timeout, missing privilege, server error); nothing was changed.' },
  TF_ERR_STORE_NOT_FOUND: { status: 404, exitCode: 2, summary: 'The store holds no bars for the requested symbol and timeframe.' },
  TF_ERR_STORE_UNREACHABLE: { status: 503, exitCode: 1, transient: true, summary: 'The store server does not answer at the URL\'s host and port (down, wrong host, firewall).' },
  TF_ERR_STORE_AUTH: { status: 503, exitCode: 2, summary: 'The store server refused the login (wrong password or unknown role).' },
  TF_ERR_STORE_DATABASE_MISSING: { status: 503, exitCode: 2, summary: 'The database named in the store URL does not exist on the server.' },
  TF_ERR_STORE_CONNECTION_LOST: { status: 503, exitCode: 1, transient: true, summary: 'The connection to the store dropped mid-operation (server restart, terminated backend); the batch in flight was rolled back.' },
  TF_ERR_PROVIDER_UNKNOWN: { status: 400, exitCode: 2, summary: 'A provider name (or ccxt exchange id) is not one tickforge knows.' },
  TF_ERR_PROVIDER_SYMBOL: { status: 404, exitCode: 2, summary: 'The provider does not list the requested symbol.' },
  TF_ERR_PROVIDER_TIMEFRAME: { status: 400, exitCode: 2, summary: 'The provider does not offer the requested timeframe.' },
  TF_ERR_PROVIDER_UNAVAILABLE: { status: 503, exitCode: 1, transient: true, summary: 'A provider request failed in a way worth retrying (timeout, HTTP 429 or 5xx, network error).' },
  TF_ERR_PROVIDER_RESPONSE: { status: 502, exitCode: 1, transient: true, summary: 'A provider answered with a malformed or truncated response.' },
  TF_ERR_PROVIDER_FAILED: { status: 502, exitCode: 1, summary: 'A provider request still failed after every retry; the series was left as it was before that chunk.' },
  TF_ERR_CONFIG_NOT_FOUND: { status: 400, exitCode: 2, summary: 'A config file named by --config or an include does not exist.' },
  TF_ERR_CONFIG_PARSE: { status: 400, exitCode: 2, summary: 'A config file is not valid YAML.' },
  TF_ERR_CONFIG_INVALID: { status: 400, exitCode: 2, summary: 'A config key or environment variable has a value outside what is allowed.' },
  TF_ERR_CLI_USAGE: { status: 400, exitCode: 2, summary: 'A command was called with bad arguments.' },
} as const satisfies Record<string, { status: number; exitCode: 1 | 2; summary: string; transient?: true }>;

export type ErrorCode = keyof typeof errorDefinitions;

export interface TickforgeErrorOptions {
  cause?: unknown;
  /** Structured context (file, row, symbol, values) for logs and the API. */
  details?: Record<string, unknown>;
}

export class TickforgeError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly exitCode: 1 | 2;
  readonly details: Record<string, unknown>;

  /** `message` must say what went wrong, where, and what the user can do about it. */
  constructor(code: ErrorCode, message: string, options: TickforgeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TickforgeError';
    this.code = code;
    this.status = errorDefinitions[code].status;
    this.exitCode = errorDefinitions[code].exitCode;
    this.details = options.details ?? {};
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, status: this.status, details: this.details };
  }
}

/**
 * True for failures that may pass on their own (a dropped connection, a provider's 429 or 5xx):
 * the ones a retry loop should retry. Everything else (bad input, bad config) fails at once.
 */
export function isTransientError(value: unknown): boolean {
  return value instanceof TickforgeError && 'transient' in errorDefinitions[value.code];
}

export function isTickforgeError(value: unknown, code?: ErrorCode): value is TickforgeError {
  return value instanceof TickforgeError && (code === undefined || value.code === code);
}
