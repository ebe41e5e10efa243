package io.noderr.app.roles;

import io.noderr.worker.WorkerConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The platform worker runs in roles {@code all} and {@code worker}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${noderr.role:all}' != 'console'")
@Import(WorkerConfiguration.class)
class WorkerRole {}
