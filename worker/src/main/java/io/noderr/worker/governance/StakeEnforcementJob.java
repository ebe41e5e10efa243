package io.noderr.worker.governance;

import io.noderr.registry.node.StakeFlags;
import io.noderr.registry.node.StakeFlags.OperatorTier;
import io.noderr.signing.Address;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps every node in service flagged exactly while its operator's active stake does not cover its
 * tier's minimum: flagged nodes get no new release (RolloutCandidates leaves them out) and show the
 * reason; the flag goes once the stake covers the minimum again (more stake, or a lower minimum by
 * governance). Idempotent: several workers may run it; each change is audited once (StakeFlags
 * changes only rows whose flag differs).
 */
class StakeEnforcementJob {

  private static final Logger log = LoggerFactory.getLogger(StakeEnforcementJob.class);

  private final StakeFlags flags;
  private final StakeStanding standing;

  StakeEnforcementJob(StakeFlags flags, StakeStanding standing) {
    this.flags = flags;
    this.standing = standing;
  }

  @Scheduled(
      initialDelayString = "${noderr.governance.stake-check-interval:30s}",
      fixedDelayString = "${noderr.governance.stake-check-interval:30s}")
  void run() {
    try {
      enforce();
    } catch (IOException e) {
      // The chain is unreachable: flags stay as they are until the next run can read it.
      log.warn("stake enforcement skipped this run: {}", e.getMessage());
    }
  }

  /**
   * @return the nodes whose flag changed
   */
  int enforce() throws IOException {
    int changed = 0;
    for (OperatorTier operatorTier : flags.operatorTiersInService()) {
      StakeStanding.Standing now =
          standing.of(Address.of(operatorTier.operatorAddress()), operatorTier.tier());
      List<String> nodes = flags.set(operatorTier, now.shortfall());
      if (!nodes.isEmpty()) {
        log.info(
            "stake: {} {} node(s) of {} {}",
            nodes.size(),
            operatorTier.tier(),
            operatorTier.operatorAddress(),
            now.covers() ? "back in good standing" : "held back: " + now.shortfall());
      }
      changed += nodes.size();
    }
    return changed;
  }
}
