package io.noderr.agent.runtime.docker;

import io.noderr.activities.node.HealthState;
import io.noderr.agent.runtime.HttpHealthProbe;
import io.noderr.agent.runtime.ProbeOutcome;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Watches a new container: it must answer its health URL within the startup timeout, then keep
 * answering for the whole soak, and its process must neither exit nor be restarted by the engine
 * meanwhile (a crash-looping container can look healthy between two probes).
 */
final class HealthWatch {

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

  private final DockerEngine engine;
  private final HttpHealthProbe http = new HttpHealthProbe();
  private final Duration startupTimeout;
  private final Duration interval;

  HealthWatch(DockerEngine engine, Duration startupTimeout, Duration interval) {
    this.engine = engine;
    this.startupTimeout = startupTimeout;
    this.interval = interval;
  }

  /** Healthy once the container has passed startup and soak; else why not. */
  ProbeOutcome watch(String containerId, URI health, Duration soak, Progress progress) {
    long startBy = System.nanoTime() + startupTimeout.toNanos();
    ProbeOutcome last;
    while (true) {
      progress.report("waiting for " + health);
      Optional<String> down = down(containerId);
      if (down.isPresent()) {
        return ProbeOutcome.unhealthy("the container " + down.get() + " while starting");
      }
      last = http.get(health, PROBE_TIMEOUT);
      if (last.health() == HealthState.HEALTHY) {
        break;
      }
      if (System.nanoTime() > startBy) {
        return ProbeOutcome.unhealthy(
            "not healthy within " + startupTimeout.toSeconds() + " s: " + last.detail());
      }
      pause();
    }
    long soakUntil = System.nanoTime() + soak.toNanos();
    while (System.nanoTime() < soakUntil) {
      pause();
      progress.report("soaking");
      Optional<String> down = down(containerId);
      if (down.isPresent()) {
        return ProbeOutcome.unhealthy("the container " + down.get() + " during the soak");
      }
      last = http.get(health, PROBE_TIMEOUT);
      if (last.health() != HealthState.HEALTHY) {
        return ProbeOutcome.unhealthy("failed during the soak: " + last.detail());
      }
    }
    return ProbeOutcome.healthy(
        soak.isZero() ? last.detail() : "healthy for a " + soak.toMillis() + " ms soak");
  }

  /** Why the container is no longer up, or empty while it runs and was never restarted. */
  private Optional<String> down(String containerId) {
    Optional<DockerEngine.ContainerState> state = engine.inspect(containerId);
    if (state.isEmpty()) {
      return Optional.of("disappeared");
    }
    if (!state.get().running()) {
      return Optional.of("exited with code " + state.get().exitCode());
    }
    if (state.get().restartCount() > 0) {
      return Optional.of("crashed and was restarted " + state.get().restartCount() + " time(s)");
    }
    return Optional.empty();
  }

  private void pause() {
    try {
      Thread.sleep(interval);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while watching a new container", e);
    }
  }
}
