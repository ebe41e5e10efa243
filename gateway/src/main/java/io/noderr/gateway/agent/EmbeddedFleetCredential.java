package io.noderr.gateway.agent;

import io.noderr.http.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;

/**
 * The credential of the platform's own simulated fleet ({@code noderr up}'s demo nodes), which
 * enrols ORACLE and GUARDIAN nodes as well as ALL: the fleet token may enrol tier ALL only. It is
 * generated in memory at each start and handed to the embedded fleet in-process; it is never
 * written, logged or configurable, so no other process can present it. Like every fleet enrolment
 * it works only in the demo profile, and never for a node with a proven identity.
 */
@Component
public class EmbeddedFleetCredential {

  private final String secret = Secrets.generate(Secrets.EMBEDDED_FLEET);
  private final byte[] hash = sha256(secret);

  /** For the embedded fleet in this process only. */
  public String secret() {
    return secret;
  }

  public boolean matches(String presented) {
    return Secrets.hasShape(Secrets.EMBEDDED_FLEET, presented)
        && MessageDigest.isEqual(hash, sha256(presented));
  }

  private static byte[] sha256(String value) {
    return Secrets.sha256(value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "EmbeddedFleetCredential[secret not shown]";
  }
}
