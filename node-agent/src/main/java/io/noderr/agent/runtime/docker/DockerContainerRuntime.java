package io.noderr.agent.runtime.docker;

import io.noderr.activities.node.HealthState;
import io.noderr.agent.runtime.ContainerRuntime;
import io.noderr.agent.runtime.HttpHealthProbe;
import io.noderr.agent.runtime.ProbeOutcome;
import io.noderr.agent.runtime.RunningRelease;
import io.noderr.agent.runtime.docker.NodeReleases.Deployment;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node software as {@link DockerNodeUpdates} installed it: the release from {@code
 * releases.json}, health from the current container's health port, metrics where the current
 * container's labels say ({@link MetricsLabels}). Before the agent's first install it reports the
 * release declared on the command line, probes the health URL as given, and knows no metrics.
 */
public final class DockerContainerRuntime implements ContainerRuntime {

  private static final Logger log = LoggerFactory.getLogger(DockerContainerRuntime.class);

  private final ReleaseStore releases;
  private final DockerEngine engine;
  private final HealthEndpoint health;
  private final RunningRelease declared;
  private final HttpHealthProbe http = new HttpHealthProbe();
  private volatile HealthState lastHealth = HealthState.HEALTHY;
  private volatile ContainerMetrics metrics = new ContainerMetrics(null, Optional.empty());

  /**
   * A container's declared metrics: its labels never change, so they are read once per container.
   */
  private record ContainerMetrics(String containerId, Optional<MetricsLabels> labels) {}

  public DockerContainerRuntime(
      Path stateDir, DockerEngine engine, HealthEndpoint health, RunningRelease declared) {
    this.releases = new ReleaseStore(stateDir);
    this.engine = engine;
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

  @Override
  public Optional<URI> metricsEndpoint() {
    Deployment current = releases.read().current();
    if (current == null) {
      return Optional.empty();
    }
    return labelsOf(current.containerId())
        .map(declared -> declared.endpoint(health.url().getHost(), current.healthPort()));
  }

  private Optional<MetricsLabels> labelsOf(String containerId) {
    ContainerMetrics known = metrics;
    if (!containerId.equals(known.containerId())) {
      Optional<MetricsLabels> labels;
      try {
        labels = MetricsLabels.of(engine.containerLabels(containerId));
      } catch (IllegalArgumentException malformed) {
        // Only a container an older agent started can get here (updates refuse such labels).
        log.warn("the node software's metrics are not scraped: {}", malformed.getMessage());
        labels = Optional.empty();
      } catch (RuntimeException engineNotAnswering) {
        // Telemetry goes on without the software's metrics; the next report asks again.
        return Optional.empty();
      }
      known = new ContainerMetrics(containerId, labels);
      metrics = known;
    }
    return known.labels();
  }
}
