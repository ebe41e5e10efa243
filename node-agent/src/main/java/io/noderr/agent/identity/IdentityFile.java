package io.noderr.agent.identity;

import io.noderr.agent.state.JsonFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code identity.json} in the agent's state directory: who this node is after registration. It
 * holds no secret (the TPM keeps the key; a software key lives in its own 0600 file), so a restart
 * re-authenticates with a fresh proof instead of a stored credential.
 */
public final class IdentityFile {

  public static final String NAME = "identity.json";

  /**
   * What is stored.
   *
   * @param tier the tier pinned at registration; null in files written before tiers were pinned
   */
  public record Identity(
      String nodeId, String platform, String keyKind, Instant registeredAt, String tier) {

    Identity withTier(String pinned) {
      return new Identity(nodeId, platform, keyKind, registeredAt, pinned);
    }
  }

  private final JsonFile<Identity> file;

  public IdentityFile(Path stateDir) {
    this.file = new JsonFile<>(stateDir.resolve(NAME), Identity.class);
  }

  public Path path() {
    return file.path();
  }

  public Optional<Identity> read() {
    try {
      return file.read();
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException(
          file.path() + " is unreadable; move it away to register this node again");
    }
  }

  /** Written atomically: a crash never leaves half an identity. */
  public void write(Identity identity) {
    file.write(identity);
  }
}
