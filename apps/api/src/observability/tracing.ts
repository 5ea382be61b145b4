/**
 * OpenTelemetry traces, opt-in by the standard variables only (OTEL_TRACES_EXPORTER, OTEL_EXPORTER_OTLP_ENDPOINT
 * or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT; OTEL_SDK_DISABLED=true wins): off by default, no network. Imported
 * first by main.ts, so the HTTP and EventStoreDB instrumentations patch their modules before anything loads
 * them. Spans: incoming HTTP requests (named by route pattern, with the correlation id), the event-store client's
 * calls, and each projection batch (projection-tracing.ts).
 */
import type { Context } from '@opentelemetry/api';
import { EventStoreDBInstrumentation } from '@eventstore/opentelemetry';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
// The SDK's own reading of OTEL_TRACES_EXPORTER and friends (not re-exported from its index).
import { getSpanProcessorsFromEnv } from '@opentelemetry/sdk-node/build/src/utils';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

export function tracingRequested(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  const exporter = env.OTEL_TRACES_EXPORTER;
  return (
    (!!exporter && exporter !== 'none') ||
    !!env.OTEL_EXPORTER_OTLP_ENDPOINT ||
    !!env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
  );
}

/** URL attributes hold person ids and query values: a span keeps the route pattern instead (see correlation). */
const URL_ATTRIBUTES = ['url.full', 'url.path', 'url.query', 'http.target', 'http.url'];

export class UrlRedactingProcessor implements SpanProcessor {
  onStart(span: Span, _context: Context): void {
    for (const name of URL_ATTRIBUTES) if (name in span.attributes) span.setAttribute(name, '[redacted]');
  }
  onEnd(_span: ReadableSpan): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

let sdk: NodeSDK | undefined;

/** Starts the SDK when the environment asks for traces; the exporters come from the OTEL_* variables. */
export function startTracing(env: NodeJS.ProcessEnv = process.env): boolean {
  if (!tracingRequested(env) || sdk) return !!sdk;
  sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME || 'sagsforloeb',
    instrumentations: [new HttpInstrumentation(), new EventStoreDBInstrumentation()],
    // Redacted first, then exported as the OTEL_* variables say (giving processors replaces the SDK's default).
    spanProcessors: [new UrlRedactingProcessor(), ...getSpanProcessorsFromEnv()],
  });
  sdk.start();
  process.once('beforeExit', () => void sdk?.shutdown());
  return true;
}

startTracing();
