package io.noderr.workflows.testing;

import io.noderr.workflows.search.NoderrSearchAttributes;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;

/**
 * Test environments that know Noderr's search attributes: without them the test server refuses to
 * start a workflow that sets them. Every test running the platform's workflows gets its environment
 * here.
 */
public final class TestEnvironments {

  private TestEnvironments() {}

  public static TestWorkflowEnvironment newInstance() {
    return registered(TestWorkflowEnvironment.newInstance());
  }

  public static TestWorkflowEnvironment newInstance(TestEnvironmentOptions options) {
    return registered(TestWorkflowEnvironment.newInstance(options));
  }

  private static TestWorkflowEnvironment registered(TestWorkflowEnvironment environment) {
    NoderrSearchAttributes.INDEXED_TYPES.forEach(environment::registerSearchAttribute);
    return environment;
  }
}
