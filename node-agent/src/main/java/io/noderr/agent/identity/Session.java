package io.noderr.agent.identity;

import java.time.Instant;

/**
 * A node's API session. The token is a bearer secret: never printed or logged.
 *
 * @param temporalTarget where the platform says the agent polls (null when it does not say)
 * @param tier the node's tier as the platform says it (null from a platform that does not say); the
 *     agent trusts it only once, at registration, and pins it in {@code identity.json}
 */
public record Session(
    String nodeId,
    String token,
    Instant expiresAt,
    String temporalTarget,
    String temporalNamespace,
    String tier)
    implements AuthClient.RegistrationStep {

  @Override
  public String toString() {
    return "Session[nodeId=" + nodeId + ", expiresAt=" + expiresAt + "]";
  }
}
