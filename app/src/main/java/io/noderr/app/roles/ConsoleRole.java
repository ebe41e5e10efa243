package io.noderr.app.roles;

import io.noderr.console.ConsoleConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The console and REST API run in roles {@code all} and {@code console}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${noderr.role:all}' != 'worker'")
@Import(ConsoleConfiguration.class)
class ConsoleRole {}
