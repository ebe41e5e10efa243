package io.noderr.cli.sim;

import io.noderr.agent.AgentHost;
import io.noderr.agent.HeartbeatLoop;
import io.noderr.agent.gateway.FleetSessions;
import io.noderr.agent.platform.EnrollmentEntry;
import io.noderr.agent.platform.FleetSessionsAnswer;
import io.noderr.agent.platform.PlatformClient;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quick development path: the fleet agent token admits nodes in batches as UNATTESTED, keeping
 * their simulator ids (so a restarted simulator re-uses the same nodes), and the platform issues
 * each its own node session, with which it polls through the node gateway like any agent.
 */
public final class TokenEnrollment implements FleetAdmission {

  private static final Logger log = LoggerFactory.getLogger(TokenEnrollment.class);

  private final PlatformClient platform;
  private final FleetSessions sessions = new FleetSessions(Clock.systemUTC());
  private volatile FleetSessionsAnswer gateway;

  public TokenEnrollment(PlatformClient platform) {
    this.platform = platform;
  }

  @Override
  public List<String> admit(List<EnrollmentEntry> nodes) {
    int admitted = 0;
    for (int from = 0; from < nodes.size(); from += HeartbeatLoop.BATCH_SIZE) {
      FleetSessionsAnswer answer =
          platform.enroll(
              nodes.subList(from, Math.min(nodes.size(), from + HeartbeatLoop.BATCH_SIZE)));
      admitted += answer.admitted().size();
      sessions.add(answer.sessions());
      gateway = answer;
    }
    log.info("{} nodes enrolled ({} new, {} sessions)", nodes.size(), admitted, sessions.size());
    return nodes.stream().map(EnrollmentEntry::nodeId).toList();
  }

  /**
   * The fleet's connection, after {@link #admit}: through the node gateway the platform named,
   * pinning the certificate it named, each node with its own session (renewed while the host runs).
   * {@code directTarget} (a Temporal frontend, development only) or a platform that runs no
   * gateway: straight to Temporal in plain text, with {@code credential} when the frontend asks for
   * one (an embedded platform's), else null.
   */
  public AgentHost connect(String directTarget, String namespace, String credential) {
    return FleetConnections.open(
        gateway, sessions, platform::renewSessions, directTarget, namespace, credential);
  }
}
