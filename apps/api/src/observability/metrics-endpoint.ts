import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Metrics } from './metrics';

export const METRICS_SETTINGS = Symbol('METRICS_SETTINGS');

export interface MetricsSettings {
  /** The port `GET /metrics` is served on, apart from the API (0: any free one); no server when left out. */
  port?: number;
  /** Default 127.0.0.1: only what runs beside the process (a Prometheus sidecar, the node's agent) scrapes it. */
  host?: string;
}

/** METRICS_PORT (unset: no metrics server) and METRICS_HOST. */
export function metricsSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): MetricsSettings {
  if (env.METRICS_PORT === undefined || env.METRICS_PORT === '') return {};
  const port = Number(env.METRICS_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new RangeError(`METRICS_PORT must be a port number (0–65535), got "${env.METRICS_PORT}"`);
  return { port, host: env.METRICS_HOST || '127.0.0.1' };
}

/**
 * `GET /metrics` on a port of its own, without a token: the figures name no person, Prometheus cannot mint the
 * short-lived JWTs the API takes, and the worker — which serves no API — is scraped the same way. What keeps
 * it from the public is that the port is bound to an internal address and never routed by the ingress.
 */
@Injectable()
export class MetricsEndpoint implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server: Server | undefined;

  constructor(
    private readonly metrics: Metrics,
    @Inject(METRICS_SETTINGS) private readonly settings: MetricsSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.settings.port === undefined) return;
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics is served here\n');
        return;
      }
      this.metrics.exposition().then(
        ({ contentType, body }) => response.writeHead(200, { 'content-type': contentType }).end(body),
        (error: Error) => {
          this.logger.error(`metrics could not be collected: ${error.message}`);
          response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be collected\n');
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.settings.port, this.settings.host ?? '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  /** Where it listens; undefined when off. */
  address(): { host: string; port: number } | undefined {
    const address = this.server?.address() as AddressInfo | null | undefined;
    return address ? { host: address.address, port: address.port } : undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
