// Sends one trace of three spans to OllyStack with the OpenTelemetry JavaScript SDK, OTLP/HTTP JSON.
// usage: node send-traces.mjs <traces-url> <api-key>
// Prints the trace id; exits non-zero if the export failed.
import { context, trace, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';

const [url, key] = process.argv.slice(2);
if (!url || !key) {
  console.error('usage: node send-traces.mjs <traces-url> <api-key>');
  process.exit(2);
}

const exporter = new OTLPTraceExporter({ url, headers: { 'x-ollystack-key': key } });
let failure = null;
const reporting = {
  export(spans, done) {
    exporter.export(spans, (result) => {
      if (result.code !== 0) failure = result.error ?? new Error('export failed');
      done(result);
    });
  },
  shutdown: () => exporter.shutdown(),
  forceFlush: () => exporter.forceFlush(),
};
const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'js-client', 'deployment.environment': 'e2e' }),
  spanProcessors: [new SimpleSpanProcessor(reporting)],
});
const tracer = provider.getTracer('ollystack-e2e', '1.0.0');

// No context manager is registered, so children name their parent context explicitly.
const root = tracer.startSpan('checkout', { kind: SpanKind.SERVER });
const traceId = root.spanContext().traceId;
root.setAttribute('http.route', '/checkout');
const parent = trace.setSpan(context.active(), root);
const reserve = tracer.startSpan('reserve-stock', { kind: SpanKind.CLIENT }, parent);
reserve.addEvent('stock.reserved', { 'item.count': 3 });
reserve.end();
const charge = tracer.startSpan('charge-card', { kind: SpanKind.CLIENT }, parent);
charge.setStatus({ code: SpanStatusCode.ERROR, message: 'card declined' });
charge.end();
root.end();

await provider.forceFlush();
await provider.shutdown();
if (failure) {
  console.error(`export failed: ${failure.message ?? failure}`);
  process.exit(1);
}
console.log(traceId);
