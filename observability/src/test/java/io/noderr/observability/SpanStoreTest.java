package io.noderr.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-process span store: bounded, grouped by trace, selected by any span of a trace. */
class SpanStoreTest {

  @Test
  void keepsOnlyTheNewestSpans_whenFull() {
    try (Tracing tracing = Tracing.start(new TracingSettings("test", "", 3))) {
      Tracer tracer = tracing.tracer("test");
      for (int i = 0; i < 5; i++) {
        tracer.spanBuilder("span-" + i).startSpan().end();
      }

      List<List<RecordedSpan>> traces = tracing.spanStore().orElseThrow().traces(s -> true, 10);

      assertThat(traces).hasSize(3);
      assertThat(traces)
          .extracting(t -> t.getFirst().name())
          .containsExactly("span-4", "span-3", "span-2");
    }
  }

  @Test
  void aTraceIsSelectedByAnyOfItsSpans_andComesWithAllOfThem() {
    try (Tracing tracing = Tracing.start(new TracingSettings("test", "", 100))) {
      Tracer tracer = tracing.tracer("test");
      Span root = tracer.spanBuilder("POST /api/v1/nodes/{id}/health-checks").startSpan();
      try (Scope current = root.makeCurrent()) {
        tracer
            .spanBuilder("RunActivity:Probe")
            .setAttribute(ActivityContextInterceptor.NODE_ATTRIBUTE, "n-1")
            .startSpan()
            .end();
      }
      root.end();
      tracer.spanBuilder("unrelated").startSpan().end();

      List<List<RecordedSpan>> traces =
          tracing
              .spanStore()
              .orElseThrow()
              .traces(
                  s -> s.attribute(ActivityContextInterceptor.NODE_ATTRIBUTE).equals("n-1"), 10);

      assertThat(traces).hasSize(1);
      List<RecordedSpan> trace = traces.getFirst();
      assertThat(trace)
          .extracting(RecordedSpan::name)
          .containsExactly("POST /api/v1/nodes/{id}/health-checks", "RunActivity:Probe");
      assertThat(trace.get(1).parentSpanId()).isEqualTo(trace.get(0).spanId());
      assertThat(trace.get(0).parentSpanId()).isEmpty();
      assertThat(trace.get(0).service()).isEqualTo("test");
    }
  }

  @Test
  void withoutCapacity_thereIsNoStore() {
    try (Tracing tracing = Tracing.start(new TracingSettings("test", "", 0))) {
      assertThat(tracing.spanStore()).isEmpty();
    }
  }

  @Test
  void aRolloutsBatchesBelongToItsDeployment() {
    assertThat(LogContext.deploymentOf("rollout-ALL+ORACLE-1.2.0-2-batch-14"))
        .isEqualTo("rollout-ALL+ORACLE-1.2.0-2");
    assertThat(LogContext.deploymentOf("rollout-ALL-1.2.0")).isEqualTo("rollout-ALL-1.2.0");
    assertThat(LogContext.deploymentOf("health-check-n-1-17")).isNull();
    assertThat(LogContext.deploymentOf(null)).isNull();
  }
}
