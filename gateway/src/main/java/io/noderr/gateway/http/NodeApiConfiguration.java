package io.noderr.gateway.http;

import io.noderr.gateway.agent.FleetTokenProperties;
import io.noderr.gateway.identity.NodeAuthProperties;
import io.noderr.gateway.telemetry.TelemetryIngestProperties;
import io.noderr.http.RequestJsonConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * The node API over HTTP: the auth API (challenge, register, token, refresh), heartbeats, telemetry
 * and the fleet token's enrolment, beacon reads and governance proposals for nodes, with a security
 * chain of its own that takes node sessions and the fleet token and nothing people use.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(
    basePackages = {
      "io.noderr.gateway.http",
      "io.noderr.gateway.identity",
      "io.noderr.gateway.agent",
      "io.noderr.gateway.beacon",
      "io.noderr.gateway.telemetry",
      "io.noderr.gateway.governance"
    })
@EnableMethodSecurity
@EnableConfigurationProperties({
  NodeAuthProperties.class,
  FleetTokenProperties.class,
  TelemetryIngestProperties.class
})
@Import(RequestJsonConfiguration.class)
public class NodeApiConfiguration {}
