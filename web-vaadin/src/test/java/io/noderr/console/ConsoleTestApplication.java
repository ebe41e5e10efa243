package io.noderr.console;

import io.noderr.registry.RegistryConfiguration;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The console role on its own, for tests: the registry and the console configuration (no component
 * scan of its own), with an in-process Temporal test server instead of a real one.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({RegistryConfiguration.class, ConsoleConfiguration.class})
public class ConsoleTestApplication {

  @Bean(destroyMethod = "close")
  TestWorkflowEnvironment testWorkflowEnvironment() {
    // No time skipping: nothing here waits on workflow timers, and started workflows stay put.
    return TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
  }

  @Bean
  WorkflowClient workflowClient(TestWorkflowEnvironment environment) {
    return environment.getWorkflowClient();
  }
}
