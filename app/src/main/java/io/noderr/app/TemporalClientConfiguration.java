package io.noderr.app;

import io.temporal.authorization.AuthorizationGrpcMetadataProvider;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connection to Temporal: the embedded server, or NODERR_TEMPORAL_TARGET. */
@Configuration(proxyBeanMethods = false)
class TemporalClientConfiguration {

  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(
      @Value("${noderr.temporal.target}") String target,
      @Value("${noderr.temporal.credential:}") String credential) {
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder().setTarget(target);
    if (!credential.isBlank()) {
      // The embedded server takes the platform's calls only (PlatformCredentialInterceptor).
      options.addGrpcMetadataProvider(
          new AuthorizationGrpcMetadataProvider(() -> "Bearer " + credential));
    }
    return WorkflowServiceStubs.newServiceStubs(options.build());
  }

  @Bean
  WorkflowClient workflowClient(
      WorkflowServiceStubs stubs, @Value("${noderr.temporal.namespace}") String namespace) {
    return WorkflowClient.newInstance(
        stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
  }
}
