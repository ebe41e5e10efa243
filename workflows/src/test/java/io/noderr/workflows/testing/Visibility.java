package io.noderr.workflows.testing;

import io.noderr.workflows.search.NoderrSearchAttributes;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * What the Temporal UI would show of a workflow: its search attributes and memo summary, read with
 * DescribeWorkflowExecution. (The Java test server has no ListWorkflowExecutions, so the tests
 * cannot run the SRE's queries themselves; they check the values those queries match.)
 */
public record Visibility(SearchAttributes attributes, String summary) {

  /**
   * Waits (up to 10 s) until the workflow shows what {@code expected} wants: upserts land with the
   * workflow task after the state a query already sees.
   */
  public static Visibility await(Object typedStub, Predicate<Visibility> expected) {
    long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Visibility now = of(typedStub);
    while (!expected.test(now) && System.nanoTime() < giveUp) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      now = of(typedStub);
    }
    return now;
  }

  public String stage() {
    return attributes.get(NoderrSearchAttributes.STAGE);
  }

  public static Visibility of(Object typedStub) {
    return of(WorkflowStub.fromTyped(typedStub));
  }

  public static Visibility of(WorkflowStub stub) {
    WorkflowExecutionDescription description = stub.describe();
    return new Visibility(
        description.getTypedSearchAttributes(),
        (String) description.getMemo(NoderrSearchAttributes.SUMMARY, String.class));
  }
}
