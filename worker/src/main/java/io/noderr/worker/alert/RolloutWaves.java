package io.noderr.worker.alert;

import io.noderr.registry.alert.AlertSignals;
import io.noderr.registry.alert.AlertSignals.RunningRollout;
import io.noderr.workflows.rollout.RolloutInputJson;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The nodes a running rollout is updating now, read from the rollout read model: the positions of
 * its current stage (the wave) that have no result yet or got one within {@code
 * rollout-update-window}. A node restarting into a new release is expected to miss heartbeats;
 * alerts about exactly these nodes are silenced, and nothing else is (other nodes, earlier waves,
 * fleet-wide alerts). Derived rather than written by the rollout, so the rollout workflow is
 * unchanged and a silence ends by itself when the wave moves on or the rollout stops.
 */
@Component
class RolloutWaves {

  private static final Logger log = LoggerFactory.getLogger(RolloutWaves.class);

  private final AlertSignals signals;
  private final AlertProperties.Rules rules;

  RolloutWaves(AlertSignals signals, AlertProperties properties) {
    this.signals = signals;
    this.rules = properties.rules();
  }

  /** Node id to the wave that silences it, e.g. {@code rollout rollout-ALL-1.5.0 stage 2}. */
  Map<String, String> silencedNodes(Instant now) {
    Map<String, String> nodes = new HashMap<>();
    for (RunningRollout rollout : signals.runningRollouts()) {
      List<Integer> targets;
      try {
        targets =
            RolloutInputJson.read(rollout.inputJson()).strategy().stageTargets(rollout.total());
      } catch (RuntimeException e) {
        log.warn(
            "cannot read the plan of {}; its wave is not silenced: {}", rollout.id(), e.toString());
        continue;
      }
      if (rollout.stage() < 1 || rollout.stage() > targets.size()) {
        continue;
      }
      int from = rollout.stage() == 1 ? 0 : targets.get(rollout.stage() - 2);
      int to = targets.get(rollout.stage() - 1);
      String wave = "rollout " + rollout.id() + " stage " + rollout.stage();
      signals
          .waveNodes(rollout.id(), from, to, now.minus(rules.rolloutUpdateWindow()))
          .forEach(node -> nodes.putIfAbsent(node, wave));
    }
    return nodes;
  }
}
