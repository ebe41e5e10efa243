package io.noderr.console;

import com.vaadin.flow.spring.annotation.EnableVaadin;
import io.noderr.console.governance.GovernanceSettings;
import io.noderr.console.onboarding.OnboardingProperties;
import io.noderr.console.release.BeaconSettings;
import io.noderr.http.RequestJsonConfiguration;
import io.noderr.registry.alert.SilenceLimits;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/** The console role: Vaadin views, the REST API and their security. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EnableVaadin("io.noderr.console")
@EnableMethodSecurity
@EnableScheduling
@Import(RequestJsonConfiguration.class)
@EnableConfigurationProperties({
  ConsoleProperties.class,
  OnboardingProperties.class,
  BeaconSettings.class,
  GovernanceSettings.class,
  SilenceLimits.class
})
public class ConsoleConfiguration {}
