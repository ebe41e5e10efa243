package io.noderr.worker.liveness;

import io.noderr.registry.node.LivenessRegistry;
import io.noderr.worker.WorkerProperties;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Marks nodes DEGRADED when they stop reporting. One UPDATE per sweep, whatever the fleet size;
 * recovery happens on the heartbeat path when the node reports again.
 */
@Component
class SilentNodeSweeper {

  private static final Logger log = LoggerFactory.getLogger(SilentNodeSweeper.class);

  private final LivenessRegistry liveness;
  private final WorkerProperties properties;

  SilentNodeSweeper(LivenessRegistry liveness, WorkerProperties properties) {
    this.liveness = liveness;
    this.properties = properties;
  }

  @Scheduled(
      initialDelayString = "${noderr.worker.sweep-interval:10s}",
      fixedDelayString = "${noderr.worker.sweep-interval:10s}")
  void sweep() {
    List<String> degraded = liveness.degradeSilentNodes(properties.silenceBeforeDegraded());
    if (!degraded.isEmpty()) {
      log.info(
          "{} node(s) silent for over {}: marked DEGRADED",
          degraded.size(),
          properties.silenceBeforeDegraded());
    }
  }
}
