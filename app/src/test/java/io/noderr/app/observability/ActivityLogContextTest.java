package io.noderr.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.activities.TaskQueues;
import io.noderr.observability.LogContext;
import io.noderr.observability.Tracing;
import io.noderr.observability.TracingSettings;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/**
 * A node activity's log line, as the scaled-out roles and agents write it (Spring Boot's ECS JSON),
 * carries the workflow id, the node id, the deployment id and the trace id the activity context
 * interceptor put in the MDC.
 */
class ActivityLogContextTest {

  private static final String NODE = "n-7";
  private static final String BATCH = "rollout-ALL-1.4.0-batch-3";

  @ActivityInterface
  public interface Greeting {
    String greet(String name);
  }

  @WorkflowInterface
  public interface GreetingWorkflow {
    @WorkflowMethod
    String run(String name);
  }

  public static class GreetingWorkflowImpl implements GreetingWorkflow {
    private final Greeting greeting =
        Workflow.newActivityStub(
            Greeting.class,
            ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.node(NODE))
                .setStartToCloseTimeout(Duration.ofSeconds(10))
                .build());

    @Override
    public String run(String name) {
      return greeting.greet(name);
    }
  }

  static class LoggingGreeting implements Greeting {
    static final org.slf4j.Logger log = LoggerFactory.getLogger("node.greeting");

    @Override
    public String greet(String name) {
      log.info("greeting {}", name);
      return "hello " + name;
    }
  }

  private final ByteArrayOutputStream lines = new ByteArrayOutputStream();
  private OutputStreamAppender<ILoggingEvent> appender;
  private Tracing tracing;
  private TestWorkflowEnvironment env;

  @BeforeEach
  void setUp() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.putObject(Environment.class.getName(), new StandardEnvironment());
    StructuredLogEncoder encoder = new StructuredLogEncoder();
    encoder.setContext(context);
    encoder.setFormat("ecs");
    encoder.start();
    appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(lines);
    appender.start();
    ((Logger) LoggerFactory.getLogger("node.greeting")).addAppender(appender);

    tracing = Tracing.start(new TracingSettings("noderr-test", "", 100));
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setInterceptors(tracing.clientInterceptor())
                        .build())
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(tracing.workerInterceptors())
                        .build())
                .build());
    env.newWorker("platform").registerWorkflowImplementationTypes(GreetingWorkflowImpl.class);
    env.newWorker(TaskQueues.node(NODE)).registerActivitiesImplementations(new LoggingGreeting());
    env.start();
  }

  @AfterEach
  void tearDown() {
    ((Logger) LoggerFactory.getLogger("node.greeting")).detachAppender(appender);
    env.close();
    tracing.close();
  }

  @Test
  void aNodeActivitysJsonLogLine_carriesTheWorkflowNodeDeploymentAndTraceIds() throws Exception {
    GreetingWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                GreetingWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(BATCH).setTaskQueue("platform").build());

    assertThat(workflow.run("ada")).isEqualTo("hello ada");

    List<String> written = lines.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(written).hasSize(1);
    JsonNode line = new ObjectMapper().readTree(written.getFirst());
    assertThat(line.path("message").asText()).isEqualTo("greeting ada");
    assertThat(field(line, LogContext.WORKFLOW_ID)).isEqualTo(BATCH);
    assertThat(field(line, LogContext.NODE_ID)).isEqualTo(NODE);
    assertThat(field(line, LogContext.DEPLOYMENT_ID)).isEqualTo("rollout-ALL-1.4.0");
    assertThat(field(line, LogContext.TRACE_ID)).matches("[0-9a-f]{32}");
    String traceId = field(line, LogContext.TRACE_ID);
    assertThat(tracing.spanStore().orElseThrow().traces(s -> true, 10))
        .anyMatch(trace -> trace.getFirst().traceId().equals(traceId));
  }

  /** A dotted MDC key, as ECS writes it: nested objects ({"node":{"id":...}}) or flat. */
  private static String field(JsonNode line, String key) {
    if (line.has(key)) {
      return line.path(key).asText();
    }
    JsonNode node = line;
    for (String part : key.split("\\.")) {
      node = node.path(part);
    }
    return node.asText();
  }
}
