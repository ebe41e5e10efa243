package io.noderr.agent.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code identity.json} in the agent's state directory: who this node is after registration. It
 * holds no secret (the TPM keeps the key; a software key lives in its own 0600 file), so a restart
 * re-authenticates with a fresh proof instead of a stored credential.
 */
public final class IdentityFile {

  public static final String NAME = "identity.json";

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  /** What is stored. */
  public record Identity(String nodeId, String platform, String keyKind, Instant registeredAt) {}

  private final Path file;

  public IdentityFile(Path stateDir) {
    this.file = stateDir.resolve(NAME);
  }

  public Optional<Identity> read() {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), Identity.class));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          file + " is unreadable; move it away to register this node again");
    }
  }

  /** Written to a temporary file first and moved: a crash never leaves half an identity. */
  public void write(Identity identity) {
    try {
      Files.createDirectories(file.getParent());
      Path temporary = Files.createTempFile(file.getParent(), NAME, ".tmp");
      try {
        trySetOwnerOnly(temporary);
        JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), identity);
        try {
          Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void trySetOwnerOnly(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not POSIX (Windows): the state directory's ACL, set by install.ps1, protects it.
    }
  }
}
