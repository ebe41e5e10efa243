package io.noderr.console.trace;

import io.noderr.observability.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;

/**
 * The span of a person's action that starts or answers a workflow (start a deployment, sign a
 * release, approve an application...). Clicked in the console, it is the root of the action's
 * trace, so an SRE follows it from the console through the workflow to the node; called through the
 * REST API, it is a child of the call's span.
 */
public final class ActionSpans {

  static final String INSTRUMENTATION = "io.noderr.console";

  private ActionSpans() {}

  /**
   * Runs {@code work} inside the span {@code action} (e.g. {@code deployment.start}) of {@code
   * user}; a failure marks the span as an error and propagates unchanged.
   */
  public static <T> T traced(String action, String user, Supplier<T> work) {
    boolean fromTheApi = Span.fromContext(Context.current()).getSpanContext().isValid();
    Span span =
        Tracing.current()
            .tracer(INSTRUMENTATION)
            .spanBuilder(action)
            .setSpanKind(fromTheApi ? SpanKind.INTERNAL : SpanKind.SERVER)
            .setAttribute("noderr.origin", fromTheApi ? "api" : "console")
            .setAttribute("enduser.id", user)
            .startSpan();
    try (Scope current = span.makeCurrent()) {
      return work.get();
    } catch (RuntimeException e) {
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      throw e;
    } finally {
      span.end();
    }
  }
}
