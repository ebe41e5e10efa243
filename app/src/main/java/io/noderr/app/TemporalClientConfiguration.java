package io.noderr.app;

import com.uber.m3.tally.Scope;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.noderr.observability.Tracing;
import io.temporal.authorization.AuthorizationGrpcMetadataProvider;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The connection to Temporal: the embedded server (in-process, when this process runs it), or
 * NODERR_TEMPORAL_TARGET.
 */
@Configuration(proxyBeanMethods = false)
class TemporalClientConfiguration {

  /** When this process runs the embedded server: its own calls stay in-process. */
  @Bean(destroyMethod = "shutdownNow")
  @ConditionalOnProperty("noderr.temporal.in-process-name")
  ManagedChannel embeddedTemporalChannel(
      @Value("${noderr.temporal.in-process-name}") String inProcessName) {
    return InProcessChannelBuilder.forName(inProcessName).build();
  }

  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(
      @Value("${noderr.temporal.target}") String target,
      @Value("${noderr.temporal.credential:}") String credential,
      ObjectProvider<ManagedChannel> embeddedChannel,
      Scope temporalMetricsScope) {
    ManagedChannel inProcess = embeddedChannel.getIfAvailable();
    if (inProcess != null) {
      return WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder()
              .setChannel(inProcess)
              .setMetricsScope(temporalMetricsScope)
              .build());
    }
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(target)
            .setMetricsScope(temporalMetricsScope);
    if (!credential.isBlank()) {
      // The embedded server takes the platform's calls only (PlatformCredentialInterceptor).
      options.addGrpcMetadataProvider(
          new AuthorizationGrpcMetadataProvider(() -> "Bearer " + credential));
    }
    return WorkflowServiceStubs.newServiceStubs(options.build());
  }

  @Bean
  WorkflowClient workflowClient(
      WorkflowServiceStubs stubs,
      @Value("${noderr.temporal.namespace}") String namespace,
      Tracing tracing) {
    // Starting a workflow, signals, updates and queries join the caller's trace (a REST request's).
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(namespace)
            .setInterceptors(tracing.clientInterceptor())
            .build());
  }
}
