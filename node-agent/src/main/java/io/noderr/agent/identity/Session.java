package io.noderr.agent.identity;

import java.time.Instant;

/**
 * A node's API session. The token is a bearer secret: never printed or logged.
 *
 * @param temporalTarget where the platform says the agent polls (null when it does not say)
 */
public record Session(
    String nodeId, String token, Instant expiresAt, String temporalTarget, String temporalNamespace)
    implements AuthClient.RegistrationStep {

  @Override
  public String toString() {
    return "Session[nodeId=" + nodeId + ", expiresAt=" + expiresAt + "]";
  }
}
