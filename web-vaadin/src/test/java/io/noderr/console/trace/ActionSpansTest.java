package io.noderr.console.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.observability.RecordedSpan;
import io.noderr.observability.Tracing;
import io.noderr.observability.TracingSettings;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A person's action is the root of its trace when clicked in the console, and a child of the REST
 * call's span when it came through the API.
 */
class ActionSpansTest {

  private final Tracing tracing =
      Tracing.start(new TracingSettings("noderr-test", "", 100)).install();

  @AfterEach
  void close() {
    tracing.close();
  }

  @Test
  void inTheConsole_theActionIsTheRootOfItsTrace() {
    String traceId =
        ActionSpans.traced(
            "deployment.start", "admin", () -> Span.current().getSpanContext().getTraceId());

    RecordedSpan action = only(spans());
    assertThat(action.name()).isEqualTo("deployment.start");
    assertThat(action.traceId()).isEqualTo(traceId);
    assertThat(action.parentSpanId()).isEmpty();
    assertThat(action.attribute("noderr.origin")).isEqualTo("console");
    assertThat(action.attribute("enduser.id")).isEqualTo("admin");
  }

  @Test
  void throughTheApi_theActionIsAChildOfTheCallsSpan() {
    Span call = tracing.tracer("test").spanBuilder("POST /api/v1/deployments").startSpan();
    try (Scope current = call.makeCurrent()) {
      ActionSpans.traced("deployment.start", "admin", () -> null);
    } finally {
      call.end();
    }

    RecordedSpan action =
        spans().stream().filter(s -> s.name().equals("deployment.start")).findFirst().orElseThrow();
    assertThat(action.parentSpanId()).isEqualTo(call.getSpanContext().getSpanId());
    assertThat(action.attribute("noderr.origin")).isEqualTo("api");
  }

  @Test
  void aRefusedAction_isAnErrorSpan_andTheRefusalReachesTheCaller() {
    assertThatThrownBy(
            () ->
                ActionSpans.traced(
                    "release.sign",
                    "signer1",
                    () -> {
                      throw new IllegalStateException("the release has ended");
                    }))
        .hasMessage("the release has ended");

    assertThat(only(spans()).error()).isTrue();
  }

  private List<RecordedSpan> spans() {
    return tracing.spanStore().orElseThrow().traces(span -> true, 10).stream()
        .flatMap(List::stream)
        .toList();
  }

  private static RecordedSpan only(List<RecordedSpan> spans) {
    assertThat(spans).hasSize(1);
    return spans.getFirst();
  }
}
