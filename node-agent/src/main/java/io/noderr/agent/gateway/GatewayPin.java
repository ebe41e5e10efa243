package io.noderr.agent.gateway;

import io.noderr.agent.state.JsonFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code gateway-pin.json} in the agent's state directory: the node gateway certificate's
 * fingerprint, pinned the first time the platform names one (at registration) and required ever
 * after. A platform that later names another certificate, or none, is refused: that is what a man
 * in the middle or a downgrade to plain Temporal would look like.
 */
public final class GatewayPin {

  public static final String NAME = "gateway-pin.json";

  /** What is stored. */
  record Pin(String certificateSha256, Instant pinnedAt) {}

  private final JsonFile<Pin> file;

  public GatewayPin(Path stateDir) {
    this.file = new JsonFile<>(stateDir.resolve(NAME), Pin.class);
  }

  /**
   * The fingerprint to trust, pinning {@code platformSays} if nothing is pinned yet.
   *
   * @param platformSays the fingerprint in the platform's session answer, null when it names none
   * @return the pinned fingerprint; null only when none was ever pinned and the platform names none
   *     (a platform without a gateway)
   * @throws IllegalArgumentException when the platform names another certificate or none
   */
  public String check(String platformSays, Instant now) {
    Optional<Pin> pinned = read();
    if (pinned.isEmpty()) {
      if (platformSays != null) {
        file.write(new Pin(PinnedCertificateTrust.requireFingerprint(platformSays), now));
      }
      return platformSays;
    }
    String expected = pinned.get().certificateSha256();
    if (!expected.equals(platformSays)) {
      throw new IllegalArgumentException(
          "the platform "
              + (platformSays == null
                  ? "names no gateway certificate"
                  : "names gateway certificate sha256 " + platformSays)
              + ", but this node pinned "
              + expected
              + " when it registered; if the platform's certificate really changed, remove "
              + file.path()
              + " to pin the new one");
    }
    return expected;
  }

  private Optional<Pin> read() {
    try {
      return file.read();
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException(
          file.path() + " is unreadable; remove it to pin the gateway certificate again");
    }
  }
}
