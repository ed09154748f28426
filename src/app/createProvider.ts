import type { TickforgeConfig } from '../config/configSchema.js';
import { TickforgeError } from '../core/index.js';
import { FileProvider } from '../data/providers/file/FileProvider.js';
import type { BarsProvider } from '../data/providers/ports.js';
import { SyntheticProvider } from '../data/providers/synthetic/SyntheticProvider.js';

export const providerForms = ['file', 'synthetic', 'yahoo', 'ccxt:<exchange>'] as const;

export interface ProviderContext {
  config: TickforgeConfig;
  /** Files and directories for the `file` provider. */
  paths?: readonly string[];
}

/**
 * Builds the provider a name asks for: `file`, `synthetic`, `yahoo` or `ccxt:<exchange id>`.
 * The composition root is the one place that constructs network adapters; ccxt and
 * yahoo-finance2 are imported only when asked for, so other commands start fast.
 * @throws TF_ERR_PROVIDER_UNKNOWN naming the accepted forms.
 */
export async function createProvider(name: string, context: ProviderContext): Promise<BarsProvider> {
  const { config } = context;
  const [kind, ...rest] = name.split(':');
  const argument = rest.join(':');
  if (kind === 'file' && argument === '') {
    return FileProvider.open(context.paths ?? [], { pageSize: config.providers.chunkSize });
  }
  if (kind === 'synthetic' && argument === '') {
    const sample = config.sample;
    return new SyntheticProvider({ seed: sample.seed, market: sample.market });
  }
  if (kind === 'yahoo' && argument === '') {
    const { YahooProvider } = await import('../data/providers/yahoo/YahooProvider.js');
    return YahooProvider.create({ adjustment: config.providers.yahoo.adjustment, timeoutMs: config.providers.timeoutMs, baseUrl: config.providers.yahoo.baseUrl });
  }
  if (kind === 'ccxt' && argument !== '') {
    const { CcxtProvider } = await import('../data/providers/ccxt/CcxtProvider.js');
    return CcxtProvider.create(argument, { timeoutMs: config.providers.timeoutMs, apiBaseUrl: config.providers.ccxt.apiBaseUrl });
  }
  throw new TickforgeError('TF_ERR_PROVIDER_UNKNOWN', `Provider "${name}" is not one tickforge knows. Use one of: ${providerForms.join(', ')} (e.g. ccxt:binance, ccxt:kraken).`, {
    details: { provider: name },
  });
}
