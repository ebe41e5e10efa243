package io.noderr.app;

import io.noderr.app.embedded.EmbeddedChainInitializer;
import io.noderr.app.embedded.EmbeddedServicesInitializer;
import io.noderr.app.embedded.GatewayCertificateInitializer;
import io.noderr.registry.RegistryConfiguration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * {@code noderr up}: the platform in one process (role {@code all}), or one of its scaled-out roles
 * ({@code worker}, {@code console}).
 */
@SpringBootApplication
@Import(RegistryConfiguration.class)
public class NoderrApplication {

  private static final List<String> WEB_ONLY =
      List.of(
          "com.vaadin.flow.spring.SpringBootAutoConfiguration",
          "com.vaadin.flow.spring.SpringSecurityAutoConfiguration",
          "com.vaadin.hilla.EndpointController",
          "com.vaadin.hilla.push.PushConfigurer",
          "com.vaadin.hilla.route.RouteUnifyingConfiguration",
          "com.vaadin.hilla.signals.config.SignalsConfiguration",
          "com.vaadin.hilla.startup.EndpointRegistryInitializer",
          "com.vaadin.hilla.startup.RouteUnifyingServiceInitListener");

  public static void main(String[] args) {
    LaunchOptions options;
    try {
      options = LaunchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(LaunchOptions.USAGE);
      return;
    }
    try {
      start(options);
    } catch (RuntimeException e) {
      // Spring has logged the details; the user gets one line.
      System.err.println("error: noderr could not start: " + StartupFailure.rootMessage(e));
      System.exit(1);
    }
  }

  /** Starts the platform as {@code noderr up} would; used by main and the end-to-end tests. */
  public static ConfigurableApplicationContext start(LaunchOptions options) {
    SpringApplication app = new SpringApplication(NoderrApplication.class);
    app.addInitializers(
        new DemoProfileGuard(),
        new EmbeddedServicesInitializer(),
        new EmbeddedChainInitializer(),
        new GatewayCertificateInitializer());
    if (options.role() == Role.WORKER) {
      app.setWebApplicationType(WebApplicationType.NONE);
      // Vaadin's and Hilla's auto-configurations assume a servlet context; a worker has none.
      app.setDefaultProperties(Map.of("spring.autoconfigure.exclude", String.join(",", WEB_ONLY)));
    }
    return app.run(options.springArguments());
  }
}
