package io.noderr.app.observability;

import io.noderr.observability.Tracing;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** REST calls get spans in the roles that serve the API (all, console). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApiTracingConfiguration {

  /** Before Spring Security, so refused calls are traced and their log lines carry the trace id. */
  @Bean
  FilterRegistrationBean<ApiTracingFilter> apiTracingFilter(Tracing tracing) {
    FilterRegistrationBean<ApiTracingFilter> registration =
        new FilterRegistrationBean<>(new ApiTracingFilter(tracing));
    registration.addUrlPatterns("/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }
}
