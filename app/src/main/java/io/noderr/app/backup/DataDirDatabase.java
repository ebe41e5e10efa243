package io.noderr.app.backup;

import io.noderr.app.embedded.EmbeddedDatabase;
import io.noderr.app.embedded.PlatformStartupException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.OptionalInt;

/**
 * The embedded database of a data directory, for a backup: the running platform's (a connection
 * beside the platform's own; PostgreSQL gives the backup its snapshot) or, when no platform runs
 * there, one this process starts and stops, holding the directory meanwhile.
 */
final class DataDirDatabase implements AutoCloseable {

  private final String jdbcUrl;
  private final EmbeddedDatabase started;

  private DataDirDatabase(String jdbcUrl, EmbeddedDatabase started) {
    this.jdbcUrl = jdbcUrl;
    this.started = started;
  }

  static DataDirDatabase of(Path dataDir) throws BackupException {
    try {
      OptionalInt running = EmbeddedDatabase.runningPort(dataDir);
      if (running.isPresent()) {
        return new DataDirDatabase(EmbeddedDatabase.jdbcUrl(running.getAsInt()), null);
      }
      EmbeddedDatabase database = EmbeddedDatabase.start(dataDir);
      return new DataDirDatabase(database.jdbcUrl(), database);
    } catch (PlatformStartupException e) {
      throw new BackupException(e.getMessage());
    }
  }

  String jdbcUrl() {
    return jdbcUrl;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl);
  }

  @Override
  public void close() throws IOException {
    if (started != null) {
      started.close();
    }
  }
}
