package io.noderr.agent.runtime;

import io.noderr.activities.node.HealthState;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Node software that the agent does not start itself: the release is declared on the command line
 * and health is an HTTP GET on the software's health URL (2xx = healthy). Without a URL the node
 * counts as healthy while the agent runs. Its metrics endpoint, if any, is declared on the command
 * line too.
 */
public class StaticReleaseRuntime implements ContainerRuntime {

  private final RunningRelease release;
  private final URI healthUrl;
  private final URI metricsUrl;
  private final HttpHealthProbe http = new HttpHealthProbe();
  private volatile HealthState lastHealth = HealthState.HEALTHY;

  public StaticReleaseRuntime(RunningRelease release, URI healthUrl) {
    this(release, healthUrl, null);
  }

  /**
   * @param metricsUrl the node software's Prometheus endpoint, or null when it has none
   */
  public StaticReleaseRuntime(RunningRelease release, URI healthUrl, URI metricsUrl) {
    this.release = release;
    this.healthUrl = healthUrl;
    this.metricsUrl = metricsUrl;
  }

  @Override
  public Optional<URI> metricsEndpoint() {
    return Optional.ofNullable(metricsUrl);
  }

  @Override
  public RunningRelease running() {
    return release;
  }

  @Override
  public ProbeOutcome probe(Duration timeout) {
    ProbeOutcome outcome =
        healthUrl == null
            ? ProbeOutcome.healthy("no health URL configured")
            : http.get(healthUrl, timeout);
    lastHealth = outcome.health();
    return outcome;
  }

  @Override
  public HealthState lastKnownHealth() {
    return lastHealth;
  }
}
