import { describe, expect, it } from 'vitest';
import { rewriteApiUrls } from './rewriteApiUrls.js';

describe('rewriteApiUrls', () => {
  it('puts every URL of a nested urls.api tree under the base, keeping ccxt placeholders and paths', () => {
    const api = {
      public: 'https://api.binance.com/api/v3',
      nested: { spot: 'https://{hostname}/v1', list: ['https://a.example.com/x'] },
      note: 'not a url',
    };
    expect(rewriteApiUrls(api, 'http://127.0.0.1:9000/')).toEqual({
      public: 'http://127.0.0.1:9000/api.binance.com/api/v3',
      nested: { spot: 'http://127.0.0.1:9000/{hostname}/v1', list: ['http://127.0.0.1:9000/a.example.com/x'] },
      note: 'not a url',
    });
    expect(api.public).toBe('https://api.binance.com/api/v3'); // the input is left as it was
    expect(rewriteApiUrls('https://api.kraken.com', 'https://mirror.example.org/proxy')).toBe('https://mirror.example.org/proxy/api.kraken.com');
  });
});
