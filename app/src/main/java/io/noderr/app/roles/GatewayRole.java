package io.noderr.app.roles;

import io.noderr.gateway.GatewayConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The node gateway runs where the auth API runs (roles {@code all} and {@code console}), so the
 * certificate fingerprint the auth API tells nodes is the one this process serves.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${noderr.role:all}' != 'worker'")
@Import(GatewayConfiguration.class)
class GatewayRole {}
