package io.noderr.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The ids every log line of an activity or a request carries (MDC keys, written as fields of the
 * structured JSON logs). Only for activities, interceptors and request threads: workflow code must
 * not touch the MDC (it replays); it logs through {@code Workflow.getLogger}, to which Temporal
 * adds the workflow's own ids.
 *
 * <pre>
 * try (LogContext.Scope ids = LogContext.open().node(nodeId).deployment(id)) { ... }
 * </pre>
 */
public final class LogContext {

  public static final String WORKFLOW_ID = "workflow.id";
  public static final String NODE_ID = "node.id";
  public static final String DEPLOYMENT_ID = "deployment.id";
  public static final String TRACE_ID = "trace.id";
  public static final String SPAN_ID = "span.id";

  /**
   * A rollout's workflow id is its deployment id ({@code rollout-<tiers>-<version>[-run]}); its
   * node batches are children named {@code <deployment>-batch-<n>} (RolloutWorkflow, NodeBatches).
   */
  private static final Pattern ROLLOUT = Pattern.compile("(rollout-.+?)(-batch-\\d+)?");

  private LogContext() {}

  public static Scope open() {
    return new Scope();
  }

  /** The deployment a rollout or node-batch workflow id belongs to, or null. */
  public static String deploymentOf(String workflowId) {
    if (workflowId == null) {
      return null;
    }
    Matcher rollout = ROLLOUT.matcher(workflowId);
    return rollout.matches() ? rollout.group(1) : null;
  }

  /** The ids put by one {@link #open()}; closing removes exactly those. */
  public static final class Scope implements AutoCloseable {

    private final List<String> keys = new ArrayList<>(5);

    private Scope() {}

    public Scope workflow(String workflowId) {
      put(WORKFLOW_ID, workflowId);
      return deployment(deploymentOf(workflowId));
    }

    public Scope node(String nodeId) {
      return put(NODE_ID, nodeId);
    }

    public Scope deployment(String deploymentId) {
      return put(DEPLOYMENT_ID, deploymentId);
    }

    /** The current span's trace and span ids, if a span is being recorded. */
    public Scope currentTrace() {
      SpanContext span = Span.current().getSpanContext();
      if (span.isValid()) {
        put(TRACE_ID, span.getTraceId());
        put(SPAN_ID, span.getSpanId());
      }
      return this;
    }

    private Scope put(String key, String value) {
      if (value != null && !value.isBlank()) {
        MDC.put(key, value);
        keys.add(key);
      }
      return this;
    }

    @Override
    public void close() {
      keys.forEach(MDC::remove);
    }
  }
}
