package io.noderr.console.trace;

import io.noderr.console.fleet.VisibleNodes;
import io.noderr.console.security.Roles;
import io.noderr.observability.ActivityContextInterceptor;
import io.noderr.observability.LogContext;
import io.noderr.observability.RecordedSpan;
import io.noderr.observability.Tracing;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * A deployment's or a node's recent traces from this process's in-process span store (the embedded
 * platform keeps the last {@code noderr.tracing.span-store-capacity} spans, the simulated fleet's
 * node activities included). Scaled-out set-ups export to an OTLP collector instead; there the
 * store holds only this console process's spans.
 */
@Service
public class TraceService {

  /** At most this many traces per answer. */
  public static final int MAX_TRACES = 20;

  /** Temporal's tracing interceptor tags its spans with the workflow id under this name. */
  private static final String WORKFLOW_ID = "workflowId";

  private final ObjectProvider<Tracing> tracing;
  private final VisibleNodes nodes;

  public TraceService(ObjectProvider<Tracing> tracing, VisibleNodes nodes) {
    this.tracing = tracing;
    this.nodes = nodes;
  }

  /** Whether this process keeps spans at all (span-store-capacity above 0). */
  public boolean available() {
    return current().spanStore().isPresent();
  }

  /**
   * Traces that touched deployment {@code id}: its REST calls, its rollout workflow, its node
   * batches and their node activities. Admins and SREs only: a deployment's traces cross every
   * operator's nodes.
   */
  @PreAuthorize("hasAnyRole('ADMIN','SRE')")
  public List<TraceSummary> forDeployment(String id) {
    return find(
        span ->
            id.equals(span.attribute(ActivityContextInterceptor.DEPLOYMENT_ATTRIBUTE))
                || id.equals(LogContext.deploymentOf(span.attribute(WORKFLOW_ID))));
  }

  /**
   * Traces that touched node {@code id}: REST calls about it and activities on its queue.
   *
   * @throws io.noderr.console.fleet.NodeNotFoundException when the node is not the caller's to see
   */
  @PreAuthorize(Roles.CAN_READ_FLEET)
  public List<TraceSummary> forNode(String id) {
    nodes.require(id);
    return find(span -> id.equals(span.attribute(ActivityContextInterceptor.NODE_ATTRIBUTE)));
  }

  private List<TraceSummary> find(Predicate<RecordedSpan> selector) {
    return current()
        .spanStore()
        .map(store -> store.traces(selector, MAX_TRACES).stream().map(TraceSummary::of).toList())
        .orElse(List.of());
  }

  private Tracing current() {
    return tracing.getIfAvailable(Tracing::current);
  }
}
