package io.noderr.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One process's OpenTelemetry tracing: the SDK (W3C trace context), an OTLP exporter when an
 * endpoint is configured, the in-process {@link SpanStore} when it has a capacity, and Temporal's
 * tracing interceptors, which speak OpenTracing and reach OpenTelemetry through the shim. Temporal
 * carries the trace context in workflow and activity headers, so it crosses the node gateway (which
 * forwards task payloads untouched) to the node's activity and back.
 */
public final class Tracing implements AutoCloseable {

  private static volatile Tracing current = disabled();

  private final OpenTelemetry openTelemetry;
  private final OpenTelemetrySdk sdk;
  private final SpanStore store;
  private final OpenTracingOptions temporalOptions;

  private Tracing(OpenTelemetry openTelemetry, OpenTelemetrySdk sdk, SpanStore store) {
    this.openTelemetry = openTelemetry;
    this.sdk = sdk;
    this.store = store;
    this.temporalOptions =
        OpenTracingOptions.newBuilder()
            .setTracer(OpenTracingShim.createTracerShim(openTelemetry))
            .build();
  }

  /** Tracing per {@code settings}; recording spans only where something keeps them. */
  public static Tracing start(TracingSettings settings) {
    SdkTracerProviderBuilder provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.create(
                            Attributes.of(
                                io.opentelemetry.api.common.AttributeKey.stringKey("service.name"),
                                settings.serviceName()))));
    SpanStore store = null;
    if (settings.spanStoreCapacity() > 0) {
      store = new SpanStore(settings.spanStoreCapacity());
      // Synchronous: the store only copies the span into its ring.
      provider.addSpanProcessor(SimpleSpanProcessor.create(store));
    }
    if (!settings.otlpEndpoint().isEmpty()) {
      provider.addSpanProcessor(
          BatchSpanProcessor.builder(
                  OtlpGrpcSpanExporter.builder().setEndpoint(settings.otlpEndpoint()).build())
              .build());
    }
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(provider.build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    return new Tracing(sdk, sdk, store);
  }

  /** No spans at all, still propagating nothing: the default until a process starts tracing. */
  public static Tracing disabled() {
    return new Tracing(OpenTelemetry.noop(), null, null);
  }

  /**
   * This process's tracing, for code built outside the platform's Spring context: node agents, and
   * the simulated fleet that runs beside the embedded platform and so joins its traces.
   */
  public static Tracing current() {
    return current;
  }

  /** Makes this the process's tracing ({@link #current()}) until it is closed. */
  public Tracing install() {
    current = this;
    return this;
  }

  public Tracer tracer(String instrumentation) {
    return openTelemetry.getTracer(instrumentation);
  }

  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /** The in-process store, when this process keeps recent spans. */
  public Optional<SpanStore> spanStore() {
    return Optional.ofNullable(store);
  }

  /** For WorkflowClientOptions: starting a workflow, signals, updates and queries get spans. */
  public WorkflowClientInterceptor clientInterceptor() {
    return new OpenTracingClientInterceptor(temporalOptions);
  }

  /**
   * For WorkerFactoryOptions, in this order: the activity context (MDC, node attribute) runs inside
   * the tracing interceptor, which Temporal applies last and so outermost.
   */
  public WorkerInterceptor[] workerInterceptors() {
    return new WorkerInterceptor[] {
      new ActivityContextInterceptor(), new OpenTracingWorkerInterceptor(temporalOptions)
    };
  }

  @Override
  public void close() {
    if (current == this) {
      current = disabled();
    }
    if (sdk != null) {
      sdk.getSdkTracerProvider().shutdown().join(5, TimeUnit.SECONDS);
    }
  }
}
