package io.noderr.agent.runtime.docker;

import io.noderr.activities.node.HealthState;
import io.noderr.agent.runtime.ContainerRuntime;
import io.noderr.agent.runtime.HttpHealthProbe;
import io.noderr.agent.runtime.ProbeOutcome;
import io.noderr.agent.runtime.RunningRelease;
import io.noderr.agent.runtime.docker.NodeReleases.Deployment;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The node software as {@link DockerNodeUpdates} installed it: the release from {@code
 * releases.json}, health from the current container's health port. Before the agent's first install
 * it reports the release declared on the command line and probes the health URL as given.
 */
public final class DockerContainerRuntime implements ContainerRuntime {

  private final ReleaseStore releases;
  private final HealthEndpoint health;
  private final RunningRelease declared;
  private final HttpHealthProbe http = new HttpHealthProbe();
  private volatile HealthState lastHealth = HealthState.HEALTHY;

  public DockerContainerRuntime(Path stateDir, HealthEndpoint health, RunningRelease declared) {
    this.releases = new ReleaseStore(stateDir);
    this.health = health;
    this.declared = declared;
  }

  @Override
  public RunningRelease running() {
    Deployment current = releases.read().current();
    return current == null
        ? declared
        : new RunningRelease(current.release().version(), current.release().digest());
  }

  @Override
  public ProbeOutcome probe(Duration timeout) {
    Deployment current = releases.read().current();
    ProbeOutcome outcome =
        http.get(current == null ? health.url() : health.at(current.healthPort()), timeout);
    lastHealth = outcome.health();
    return outcome;
  }

  @Override
  public HealthState lastKnownHealth() {
    return lastHealth;
  }
}
