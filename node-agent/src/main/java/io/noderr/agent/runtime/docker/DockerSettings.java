package io.noderr.agent.runtime.docker;

import java.time.Duration;

/**
 * How the agent runs and watches the node software's containers.
 *
 * @param startupTimeout how long a new container may take to answer its health URL
 * @param probeInterval time between health probes while a new container starts and soaks
 * @param stopTimeout how long a stopped container gets to exit before it is killed
 * @param pullTimeout how long an image pull may take
 * @param hardening the container confinement a release image's labels do not override
 */
public record DockerSettings(
    HealthEndpoint health,
    Duration startupTimeout,
    Duration probeInterval,
    Duration stopTimeout,
    Duration pullTimeout,
    ContainerHardening hardening) {

  public static DockerSettings defaults(HealthEndpoint health) {
    return new DockerSettings(
        health,
        Duration.ofSeconds(60),
        Duration.ofMillis(200),
        Duration.ofSeconds(10),
        Duration.ofMinutes(10),
        ContainerHardening.defaults());
  }

  public DockerSettings withStartupTimeout(Duration timeout) {
    return new DockerSettings(health, timeout, probeInterval, stopTimeout, pullTimeout, hardening);
  }
}
