package io.noderr.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.noderr.workflows.healthcheck.NodeHealthCheckInput;
import io.noderr.workflows.healthcheck.NodeHealthCheckWorkflow;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.authorization.AuthorizationGrpcMetadataProvider;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nodes reach Temporal only through the node gateway: the embedded frontend never listens beyond
 * loopback (TestServer.createPortBoundServer would bind every interface), and on loopback it takes
 * calls only with the platform's credential; the process that runs it reaches the same services
 * in-process.
 */
class EmbeddedTemporalServerTest {

  private static final String CREDENTIAL = "ntc_test-credential";

  @Test
  void theEmbeddedFrontend_listensOnLoopbackOnly() {
    try (EmbeddedTemporalServer server = EmbeddedTemporalServer.start(0, CREDENTIAL)) {
      assertThat(server.listenAddresses())
          .isNotEmpty()
          .allSatisfy(
              address ->
                  assertThat(((InetSocketAddress) address).getAddress().isLoopbackAddress())
                      .as("%s is loopback", address)
                      .isTrue());
    }
  }

  @Test
  void aProcessWithoutThePlatformsCredential_isRefused_andThePlatformIsServed() {
    try (EmbeddedTemporalServer server = EmbeddedTemporalServer.start(0, CREDENTIAL)) {
      WorkflowServiceStubs stranger = stubs(server, null);
      WorkflowServiceStubs wrong = stubs(server, "ntc_guessed");
      WorkflowServiceStubs platform = stubs(server, CREDENTIAL);
      try {
        for (WorkflowServiceStubs refused : new WorkflowServiceStubs[] {stranger, wrong}) {
          assertThatThrownBy(
                  () ->
                      refused
                          .blockingStub()
                          .listOpenWorkflowExecutions(
                              ListOpenWorkflowExecutionsRequest.newBuilder()
                                  .setNamespace("default")
                                  .build()))
              .isInstanceOfSatisfying(
                  StatusRuntimeException.class,
                  e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED))
              .hasMessageContaining("through the node gateway");
        }
        assertServed(platform);
      } finally {
        stranger.shutdownNow();
        wrong.shutdownNow();
        platform.shutdownNow();
      }
    }
  }

  @Test
  void theProcessThatRunsIt_reachesTheSameServicesInProcess() {
    try (EmbeddedTemporalServer server = EmbeddedTemporalServer.start(0, CREDENTIAL)) {
      ManagedChannel channel = InProcessChannelBuilder.forName(server.inProcessName()).build();
      WorkflowServiceStubs platform = overChannel(channel);
      try {
        assertServed(platform);
        assertThat(server.inProcessName()).startsWith("noderr-temporal-");
      } finally {
        platform.shutdownNow();
        channel.shutdownNow();
      }
    }
  }

  @Test
  void noderrsSearchAttributes_areRegisteredAtStart() {
    try (EmbeddedTemporalServer server = EmbeddedTemporalServer.start(0, CREDENTIAL)) {
      ManagedChannel channel = InProcessChannelBuilder.forName(server.inProcessName()).build();
      WorkflowServiceStubs platform = overChannel(channel);
      try {
        WorkflowClient client = WorkflowClient.newInstance(platform);
        // No worker: the server only has to accept the start and keep the attributes.
        WorkflowStub.fromTyped(
                client.newWorkflowStub(
                    NodeHealthCheckWorkflow.class,
                    NodeHealthCheckWorkflow.startOptions(
                            "health-check-n-1-1",
                            new NodeHealthCheckInput("n-1", "alice"),
                            "ORACLE",
                            "0xoperator")
                        .build()))
            .start(new NodeHealthCheckInput("n-1", "alice"));

        Map<String, Payload> indexed =
            platform
                .blockingStub()
                .describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(client.getOptions().getNamespace())
                        .setExecution(
                            WorkflowExecution.newBuilder().setWorkflowId("health-check-n-1-1"))
                        .build())
                .getWorkflowExecutionInfo()
                .getSearchAttributes()
                .getIndexedFieldsMap();
        assertThat(indexed).containsKeys("NoderrNodeId", "NoderrTier", "NoderrOperator");
      } finally {
        platform.shutdownNow();
        channel.shutdownNow();
      }
    }
  }

  private static void assertServed(WorkflowServiceStubs platform) {
    assertThat(
            platform
                .blockingStub()
                .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
                .hasCapabilities())
        .isTrue();
  }

  /** Stubs over {@code channel}, which the caller shuts down (the stubs do not own it). */
  private static WorkflowServiceStubs overChannel(ManagedChannel channel) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setChannel(channel).build());
  }

  private static WorkflowServiceStubs stubs(EmbeddedTemporalServer server, String credential) {
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + server.port());
    if (credential != null) {
      options.addGrpcMetadataProvider(
          new AuthorizationGrpcMetadataProvider(() -> "Bearer " + credential));
    }
    return WorkflowServiceStubs.newServiceStubs(options.build());
  }
}
