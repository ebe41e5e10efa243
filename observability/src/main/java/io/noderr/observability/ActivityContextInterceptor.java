package io.noderr.observability;

import io.noderr.activities.TaskQueues;
import io.opentelemetry.api.trace.Span;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;

/**
 * Puts an activity's ids into the MDC for its log lines and onto its span: the workflow (and the
 * deployment it belongs to), the node when it runs on a node's queue, and the trace. Registered
 * inside Temporal's tracing interceptor so the activity's span is current here.
 */
public final class ActivityContextInterceptor extends WorkerInterceptorBase {

  /** The span attribute that names the node an activity ran for (the console's node filter). */
  public static final String NODE_ATTRIBUTE = "noderr.node.id";

  /** The span attribute that names the deployment an activity ran for. */
  public static final String DEPLOYMENT_ATTRIBUTE = "noderr.deployment.id";

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityInfo info;

      @Override
      public void init(ActivityExecutionContext context) {
        info = context.getInfo();
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        String node = TaskQueues.nodeOf(info.getActivityTaskQueue());
        String deployment = LogContext.deploymentOf(info.getWorkflowId());
        Span span = Span.current();
        if (node != null) {
          span.setAttribute(NODE_ATTRIBUTE, node);
        }
        if (deployment != null) {
          span.setAttribute(DEPLOYMENT_ATTRIBUTE, deployment);
        }
        try (LogContext.Scope ids =
            LogContext.open().workflow(info.getWorkflowId()).node(node).currentTrace()) {
          return super.execute(input);
        }
      }
    };
  }
}
