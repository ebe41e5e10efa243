package io.noderr.agent.runtime.docker;

import com.github.dockerjava.api.exception.DockerException;
import io.noderr.activities.node.HealthState;
import io.noderr.activities.node.NodeUpdateRequest.Strategy;
import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.agent.runtime.ProbeOutcome;
import io.noderr.agent.runtime.docker.DockerEngine.ContainerSpec;
import io.noderr.agent.runtime.docker.DockerEngine.ManagedContainer;
import io.noderr.agent.runtime.docker.NodeReleases.Deployment;
import io.noderr.agent.runtime.docker.NodeReleases.Release;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the node from its current container to one of another release, and back when the new one
 * fails. Committing is the caller's: the state file must name the new container before the old one
 * is retired, so that a crash in between leaves a stray container ({@link #recover} removes it)
 * rather than a node with nothing recorded as running.
 */
final class ContainerSwap {

  private static final Logger log = LoggerFactory.getLogger(ContainerSwap.class);

  /** How a swap ended. */
  sealed interface Result {}

  /** The new container passed its watch; the current one still exists (hand-over: still runs). */
  record Started(Deployment deployment) implements Result {}

  /** The new container is gone and the current one runs again. */
  record Undone(FailureType failure, String detail) implements Result {}

  private final DockerEngine engine;
  private final HealthEndpoint health;
  private final HealthWatch watch;
  private final Duration stopTimeout;
  private final ContainerHardening hardening;

  ContainerSwap(DockerEngine engine, DockerSettings settings) {
    this.engine = engine;
    this.hardening = settings.hardening();
    this.health = settings.health();
    this.watch = new HealthWatch(engine, settings.startupTimeout(), settings.probeInterval());
    this.stopTimeout = settings.stopTimeout();
  }

  /**
   * Starts {@code target} beside {@code current} (HAND_OVER, on the other health port) or after
   * stopping it (DOWNLOAD_THEN_SWAP, on the same port), and watches it for {@code soak}.
   *
   * @param current what runs now, or null on a node the agent has not installed anything on yet
   */
  Result swap(
      Deployment current,
      Release target,
      Strategy strategy,
      String updateId,
      Duration soak,
      Progress progress) {
    boolean handOver = strategy == Strategy.HAND_OVER;
    int port = healthPort(current, handOver);
    if (current != null && !handOver) {
      progress.report("stopping " + current.release().version());
      engine.stop(current.containerId(), stopTimeout);
    }
    String id;
    try {
      id = engine.run(spec(target, updateId, port));
    } catch (DockerException | IllegalArgumentException e) {
      putBack(current);
      return new Undone(
          FailureType.START_FAILED,
          "the container of " + target.version() + " did not start: " + e.getMessage());
    }
    ProbeOutcome verdict;
    try {
      verdict = watch.watch(id, health.at(port), soak, progress);
    } catch (RuntimeException cancelledOrEngineGone) {
      // Leave the node as it was before giving up: a cancelled activity must not leave a half swap.
      engine.remove(id);
      putBack(current);
      throw cancelledOrEngineGone;
    }
    if (verdict.health() != HealthState.HEALTHY) {
      engine.remove(id);
      putBack(current);
      return new Undone(FailureType.UNHEALTHY, target.version() + ": " + verdict.detail());
    }
    return new Started(new Deployment(target, id, port, strategy));
  }

  /** Stops and removes a container the node no longer runs; its image stays. */
  void retire(Deployment old) {
    engine.stop(old.containerId(), stopTimeout);
    engine.remove(old.containerId());
  }

  /**
   * Puts the node back into the state {@code releases} records after a crash: removes containers it
   * does not name and restarts the current one, which a DOWNLOAD_THEN_SWAP may have stopped. With
   * nothing recorded as current, only containers of the interrupted swap are removed: others may
   * run the node software from before the state was lost.
   */
  void recover(NodeReleases releases) {
    for (ManagedContainer container : engine.managedContainers()) {
      if (isStray(container, releases)) {
        log.warn("removing container {} left by update {}", container.id(), container.updateId());
        engine.remove(container.id());
      }
    }
    if (releases.pendingUpdateId() != null) {
      putBack(releases.current());
    }
  }

  private static boolean isStray(ManagedContainer container, NodeReleases releases) {
    Deployment current = releases.current();
    if (current != null) {
      return !container.id().equals(current.containerId());
    }
    return releases.pendingUpdateId() != null
        && releases.pendingUpdateId().equals(container.updateId());
  }

  /** Beside a running container, the port it does not hold; else the port the node always had. */
  private int healthPort(Deployment current, boolean handOver) {
    if (current == null) {
      return health.primaryPort();
    }
    return handOver ? health.otherThan(current.healthPort()) : current.healthPort();
  }

  private void putBack(Deployment current) {
    if (current != null) {
      engine.start(current.containerId());
    }
  }

  /**
   * @throws IllegalArgumentException when the image's hardening or metrics labels are malformed
   */
  private ContainerSpec spec(Release release, String updateId, int port) {
    DockerEngine.ImageConfig image = engine.imageConfig(release.digest());
    // Refused here, before the container starts, rather than unscraped later without a word.
    MetricsLabels.of(image.labels());
    return new ContainerSpec(
        containerName(release),
        release.digest(),
        Map.of(DockerEngine.VERSION_LABEL, release.version(), DockerEngine.UPDATE_LABEL, updateId),
        List.of("NODERR_HEALTH_PORT=" + port),
        hardening.forImage(image.labels(), image.user()));
  }

  /**
   * {@code noderr-node-<version>-<12 digest digits>}: unique per release, readable in docker ps.
   */
  private static String containerName(Release release) {
    String version = release.version().replaceAll("[^a-zA-Z0-9_.-]", "_");
    String hex = release.digest().substring(release.digest().indexOf(':') + 1);
    return "noderr-node-" + version + "-" + hex.substring(0, Math.min(12, hex.length()));
  }
}
