package io.noderr.agent.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
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
import java.util.Optional;

/**
 * One JSON document in the agent's state directory. Writes go to a temporary file that is then
 * moved over the old one, so a crash never leaves half a document; files are readable by the owner
 * only. Unknown fields are ignored, so an older agent can read what a newer one wrote.
 */
public final class JsonFile<T> {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final Path file;
  private final Class<T> type;

  public JsonFile(Path file, Class<T> type) {
    this.file = file;
    this.type = type;
  }

  public Path path() {
    return file;
  }

  /**
   * @throws UncheckedIOException when the file exists but cannot be read as a {@code T}
   */
  public Optional<T> read() {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), type));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public void write(T value) {
    try {
      Files.createDirectories(file.getParent());
      Path temporary =
          Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
      try {
        trySetOwnerOnly(temporary);
        JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), value);
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

  public void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
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
