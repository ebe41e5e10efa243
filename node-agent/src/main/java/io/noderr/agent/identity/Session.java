package io.noderr.agent.identity;

import java.time.Instant;

/**
 * A node's API session. The token is a bearer secret: never printed or logged.
 *
 * @param temporalTarget where the platform says the agent polls: its node gateway (null when it
 *     does not say)
 * @param tier the node's tier as the platform says it (null from a platform that does not say); the
 *     agent trusts it only once, at registration, and pins it in {@code identity.json}
 * @param gatewayCertificateSha256 the node gateway's certificate fingerprint, pinned on first
 *     registration (null from a platform without a gateway)
 */
public record Session(
    String nodeId,
    String token,
    Instant expiresAt,
    String temporalTarget,
    String temporalNamespace,
    String tier,
    String gatewayCertificateSha256)
    implements AuthClient.RegistrationStep {

  @Override
  public String toString() {
    return "Session[nodeId=" + nodeId + ", expiresAt=" + expiresAt + "]";
  }
}
