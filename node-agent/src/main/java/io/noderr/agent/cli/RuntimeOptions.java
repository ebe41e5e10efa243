package io.noderr.agent.cli;

import io.noderr.agent.runtime.RunningRelease;
import io.noderr.agent.runtime.StaticReleaseRuntime;
import io.noderr.agent.runtime.docker.DockerEngine;
import io.noderr.agent.runtime.docker.DockerSettings;
import io.noderr.agent.runtime.docker.HealthEndpoint;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How the agent finds the node software: declared on the command line and run by other means
 * ({@code static}), or run by the agent as containers on the node's Docker Engine, which lets it
 * install releases itself ({@code docker}).
 */
class RuntimeOptions {

  @Option(
      names = "--runtime",
      defaultValue = "static",
      paramLabel = "static|docker",
      description =
          "static: the node software runs by other means (--release-version, --image-digest);"
              + " docker: the agent runs it on the Docker Engine and installs releases itself"
              + " (default: ${DEFAULT-VALUE}).")
  String runtime;

  @Option(
      names = "--docker-host",
      defaultValue = "${env:DOCKER_HOST:-unix:///var/run/docker.sock}",
      paramLabel = "URI",
      description = "Docker Engine API socket (default: DOCKER_HOST, else ${DEFAULT-VALUE}).")
  URI dockerHost;

  @Option(
      names = "--handover-port",
      paramLabel = "PORT",
      description =
          "With --runtime docker: the health port a new container gets while the old one still"
              + " serves on the --health-url port (default: that port + 1).")
  Integer handoverPort;

  @Option(
      names = "--startup-timeout",
      defaultValue = "60",
      paramLabel = "SECONDS",
      description =
          "With --runtime docker: how long a new container may take to turn healthy"
              + " (default: ${DEFAULT-VALUE}).")
  int startupSeconds;

  void validate(URI healthUrl) {
    if (!runtime.equals("static") && !runtime.equals("docker")) {
      throw new IllegalArgumentException(
          "--runtime must be static or docker, got '" + runtime + "'");
    }
    if (!docker()) {
      return;
    }
    if (healthUrl == null) {
      throw new IllegalArgumentException(
          "--runtime docker needs --health-url: it decides whether a new release is kept");
    }
    if (startupSeconds < 1) {
      throw new IllegalArgumentException("--startup-timeout must be at least 1 second");
    }
    health(healthUrl);
  }

  /**
   * The node software as the agent sees it; with docker, connected to the engine.
   *
   * @param metricsUrl the static node software's Prometheus endpoint, or null
   */
  NodeSoftware open(Path stateDir, URI healthUrl, URI metricsUrl, RunningRelease declared) {
    if (!docker()) {
      return NodeSoftware.declared(new StaticReleaseRuntime(declared, healthUrl, metricsUrl));
    }
    DockerSettings settings =
        DockerSettings.defaults(health(healthUrl))
            .withStartupTimeout(Duration.ofSeconds(startupSeconds));
    return NodeSoftware.containers(DockerEngine.connect(dockerHost), stateDir, settings, declared);
  }

  /**
   * @throws IllegalArgumentException for a URL without a port or a hand-over port equal to it
   */
  private HealthEndpoint health(URI healthUrl) {
    return handoverPort == null
        ? HealthEndpoint.of(healthUrl)
        : new HealthEndpoint(healthUrl, handoverPort);
  }

  private boolean docker() {
    return runtime.equals("docker");
  }
}
