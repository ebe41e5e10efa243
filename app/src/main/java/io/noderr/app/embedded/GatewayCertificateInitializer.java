package io.noderr.app.embedded;

import io.noderr.gateway.GatewayCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Loads (or generates, on the first start) the node gateway's certificate before any bean exists,
 * because the auth API tells every node the gateway's address and fingerprint with its session and
 * binds those settings at start. The certificate becomes a bean the gateway serves with.
 */
public class GatewayCertificateInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment env = context.getEnvironment();
    boolean runsGateway =
        !"worker".equals(env.getProperty("noderr.role", "all"))
            && env.getProperty("noderr.gateway.enabled", Boolean.class, true);
    if (!runsGateway) {
      return;
    }
    GatewayCertificate certificate =
        GatewayCertificate.loadOrCreate(Path.of(env.getRequiredProperty("noderr.gateway.tls-dir")));
    context.getBeanFactory().registerSingleton("gatewayCertificate", certificate);
    String bindAddress = env.getProperty("noderr.gateway.bind-address", "127.0.0.1");
    int port = env.getProperty("noderr.gateway.port", Integer.class, 7234);
    if (port == 0) {
      // Tests ask for any free port; agents must be told the real one, so it is chosen now.
      port = freePort(bindAddress);
    }
    env.getPropertySources()
        .addFirst(
            new MapPropertySource(
                "noderr-gateway",
                Map.of(
                    "noderr.gateway.port",
                    port,
                    "noderr.gateway.advertised-target",
                    bindAddress + ":" + port,
                    "noderr.gateway.certificate-sha256",
                    certificate.sha256())));
  }

  private static int freePort(String bindAddress) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(bindAddress))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the node gateway on " + bindAddress, e);
    }
  }
}
