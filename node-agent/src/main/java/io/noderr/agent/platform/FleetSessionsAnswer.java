package io.noderr.agent.platform;

import java.util.List;

/**
 * The platform's answer to a fleet-token enrolment or session renewal: the ids that were new, one
 * node session per known node, and where nodes poll with them (the node gateway's address and the
 * certificate fingerprint to pin; no fingerprint: the platform runs no gateway).
 */
public record FleetSessionsAnswer(
    List<String> admitted,
    List<NodeSession> sessions,
    String temporalTarget,
    String temporalNamespace,
    String gatewayCertificateSha256) {

  public FleetSessionsAnswer {
    admitted = admitted == null ? List.of() : List.copyOf(admitted);
    sessions = sessions == null ? List.of() : List.copyOf(sessions);
  }

  /** One node's session; the token is a bearer secret, never logged. */
  public record NodeSession(String nodeId, String sessionToken, String expiresAt) {
    @Override
    public String toString() {
      return "NodeSession[nodeId=" + nodeId + ", expiresAt=" + expiresAt + "]";
    }
  }
}
