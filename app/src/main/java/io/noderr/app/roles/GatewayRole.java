package io.noderr.app.roles;

import io.noderr.gateway.GatewayConfiguration;
import io.noderr.gateway.http.NodeApiConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The node gateway (the node API over HTTP and the gRPC gateway in front of Temporal) runs in roles
 * {@code all} and {@code console}, beside the console: one web server, so nodes and people use one
 * address, and the certificate fingerprint the auth API tells nodes is the one this process serves.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${noderr.role:all}' != 'worker'")
@Import({GatewayConfiguration.class, NodeApiConfiguration.class})
class GatewayRole {}
