package io.noderr.agent.sim;

import io.noderr.agent.HeartbeatLoop;
import io.noderr.agent.platform.EnrollmentEntry;
import io.noderr.agent.platform.PlatformClient;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quick development path: the fleet agent token admits nodes in batches as UNATTESTED, keeping
 * their simulator ids (so a restarted simulator re-uses the same nodes).
 */
public final class TokenEnrollment implements FleetAdmission {

  private static final Logger log = LoggerFactory.getLogger(TokenEnrollment.class);

  private final PlatformClient platform;

  public TokenEnrollment(PlatformClient platform) {
    this.platform = platform;
  }

  @Override
  public List<String> admit(List<EnrollmentEntry> nodes) {
    int admitted = 0;
    for (int from = 0; from < nodes.size(); from += HeartbeatLoop.BATCH_SIZE) {
      admitted +=
          platform
              .enroll(nodes.subList(from, Math.min(nodes.size(), from + HeartbeatLoop.BATCH_SIZE)))
              .size();
    }
    log.info("{} nodes enrolled with the fleet token ({} new)", nodes.size(), admitted);
    return nodes.stream().map(EnrollmentEntry::nodeId).toList();
  }
}
