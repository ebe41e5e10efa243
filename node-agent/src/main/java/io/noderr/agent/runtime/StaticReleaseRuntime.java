package io.noderr.agent.runtime;

import io.noderr.activities.node.HealthState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Node software that the agent does not start itself: the release is declared on the command line
 * and health is an HTTP GET on the software's health URL (2xx = healthy). Without a URL the node
 * counts as healthy while the agent runs.
 */
public class StaticReleaseRuntime implements ContainerRuntime {

  private final RunningRelease release;
  private final URI healthUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private volatile HealthState lastHealth = HealthState.HEALTHY;

  public StaticReleaseRuntime(RunningRelease release, URI healthUrl) {
    this.release = release;
    this.healthUrl = healthUrl;
  }

  @Override
  public RunningRelease running() {
    return release;
  }

  @Override
  public ProbeOutcome probe(Duration timeout) {
    ProbeOutcome outcome =
        healthUrl == null ? ProbeOutcome.healthy("no health URL configured") : get(timeout);
    lastHealth = outcome.health();
    return outcome;
  }

  @Override
  public HealthState lastKnownHealth() {
    return lastHealth;
  }

  private ProbeOutcome get(Duration timeout) {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(healthUrl).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      int code = response.statusCode();
      return code >= 200 && code < 300
          ? ProbeOutcome.healthy("HTTP " + code)
          : ProbeOutcome.unhealthy("HTTP " + code + " from " + healthUrl);
    } catch (IOException e) {
      return ProbeOutcome.unhealthy("cannot reach " + healthUrl + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ProbeOutcome.unhealthy("probe interrupted");
    }
  }
}
