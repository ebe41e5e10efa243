package io.noderr.gateway;

import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.identity.NodeSessions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The node gateway in a platform process. It needs the platform's {@link WorkflowServiceStubs} and
 * the {@link GatewayCertificate} (loaded before the context by the assembly, which also tells the
 * auth API its fingerprint).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "noderr.gateway.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayConfiguration {

  @Bean(destroyMethod = "close")
  NodeGateway nodeGateway(
      GatewayProperties properties,
      GatewayCertificate certificate,
      WorkflowServiceStubs platform,
      NodeSessions sessions,
      AuditLog audit) {
    return NodeGateway.start(
        properties, certificate, platform, new RegistrySessionLookup(sessions), audit);
  }
}
