import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A local stand-in for the providers' HTTP APIs, so provider tests never leave 127.0.0.1.
 *
 * Clients reach it through a base URL: the adapters rewrite `https://api.example.com/path?q` to
 * `<baseUrl>/api.example.com/path?q` (the ccxt provider's `apiBaseUrl`, the yahoo provider's
 * `baseUrl`), so a route is matched by the real host, path and query the library built.
 *
 * A route answers with a scripted sequence (each request takes the next response, the last one
 * repeats) or with a handler that computes the response from the request (an exchange emulator
 * that serves a generated candle series). Responses can be delayed past the client's timeout,
 * or cut off mid-body. Every request is counted per route and logged, so tests can assert how
 * many requests a command made (zero on a current store) and what the library sent.
 */
export interface ReplayResponse {
  /** HTTP status; 200 when absent. */
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Waits this long before answering (set it past the client's timeout to test timeouts). */
  delayMs?: number;
  /**
   * Announces the whole body's length but sends only its first `truncateAfterBytes` bytes, then
   * drops the connection: a body cut off in transit.
   */
  truncateAfterBytes?: number;
}

export interface ReplayRequest {
  method: string;
  /** The host the client meant (`api.binance.com`): the first path segment of the local URL. */
  host: string;
  /** The path on that host, starting with `/`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export type ReplayHandler = (request: ReplayRequest) => ReplayResponse;

export interface ReplayRoute {
  host: string;
  path: string;
  method?: string;
  /** Query parameters the request must carry with these values (others may be present). */
  query?: Record<string, string>;
  /** Answers in order; the last one repeats. */
  responses?: readonly ReplayResponse[];
  handler?: ReplayHandler;
}

interface RouteState {
  route: ReplayRoute;
  served: number;
}

export class ReplayServer {
  /** Every request received, in order, matched or not. */
  readonly requests: ReplayRequest[] = [];
  /** Requests no route matched (answered 404, so a test sees what its fixtures lack). */
  readonly unmatched: ReplayRequest[] = [];
  private readonly routes: RouteState[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: Server,
    /** `http://127.0.0.1:<port>`, the base URL to give the adapters. */
    readonly baseUrl: string,
  ) {}

  /** Listens on 127.0.0.1 on a free port. */
  static async start(routes: readonly ReplayRoute[] = []): Promise<ReplayServer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const replay = new ReplayServer(server, `http://127.0.0.1:${port}`);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => void replay.handle(request, response));
    server.on('connection', (socket: Socket) => {
      replay.sockets.add(socket);
      socket.on('close', () => replay.sockets.delete(socket));
    });
    for (const route of routes) replay.route(route);
    return replay;
  }

  /** Adds a route; a later route with the same host and path wins over an earlier one. */
  route(route: ReplayRoute): this {
    if (route.responses === undefined && route.handler === undefined) throw new Error(`route ${route.host}${route.path} has neither responses nor a handler`);
    if (route.responses !== undefined && route.responses.length === 0) throw new Error(`route ${route.host}${route.path} has an empty response list`);
    this.routes.unshift({ route, served: 0 });
    return this;
  }

  /** Requests received for a host, and path when given (any query), since the last reset. */
  requestCount(host?: string, path?: string): number {
    return this.requests.filter((request) => (host === undefined || request.host === host) && (path === undefined || request.path === path)).length;
  }

  /** Requests received per `host/path` (any query), since the last reset. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const request of this.requests) counts[`${request.host}${request.path}`] = (counts[`${request.host}${request.path}`] ?? 0) + 1;
    return counts;
  }

  /** Forgets the request log and restarts every scripted sequence. */
  reset(): void {
    this.requests.length = 0;
    this.unmatched.length = 0;
    for (const state of this.routes) state.served = 0;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const url = new URL(incoming.url ?? '/', 'http://replay.invalid');
    const [, host = '', ...rest] = url.pathname.split('/');
    const request: ReplayRequest = {
      method: incoming.method ?? 'GET',
      host,
      path: `/${rest.join('/')}`,
      query: url.searchParams,
      headers: incoming.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.requests.push(request);
    const state = this.routes.find(({ route }) => matches(route, request));
    if (state === undefined) {
      this.unmatched.push(request);
      this.send(outgoing, { status: 404, body: { replayServer: `no route for ${request.method} ${host}${request.path}?${url.searchParams}` } });
      return;
    }
    const { route } = state;
    const response = route.handler !== undefined ? route.handler(request) : route.responses![Math.min(state.served, route.responses!.length - 1)];
    state.served++;
    if (response.delayMs !== undefined && response.delayMs > 0) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!outgoing.destroyed) this.send(outgoing, response);
      }, response.delayMs);
      this.timers.add(timer);
      return;
    }
    this.send(outgoing, response);
  }

  private send(outgoing: ServerResponse, response: ReplayResponse): void {
    const text = typeof response.body === 'string' ? response.body : response.body === undefined ? '' : JSON.stringify(response.body);
    const bytes = Buffer.from(text, 'utf8');
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': bytes.length, ...response.headers };
    outgoing.writeHead(response.status ?? 200, headers);
    if (response.truncateAfterBytes !== undefined) {
      outgoing.write(bytes.subarray(0, response.truncateAfterBytes), () => outgoing.socket?.destroy());
      return;
    }
    outgoing.end(bytes);
  }
}

function matches(route: ReplayRoute, request: ReplayRequest): boolean {
  if (route.host !== request.host || route.path !== request.path) return false;
  if (route.method !== undefined && route.method.toUpperCase() !== request.method) return false;
  for (const [key, value] of Object.entries(route.query ?? {})) if (request.query.get(key) !== value) return false;
  return true;
}
