package io.noderr.app.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of one platform, with data in {@code <data-dir>/pg}. Starting it first
 * claims the data directory ({@link DataDirLock}), so a second platform on the same directory is
 * refused in one line instead of touching the first one's database; then clears what a platform
 * that died without stopping left running ({@link LeftoverPostgres}), so the first start after a
 * crash works.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final DataDirLock lock;
  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(DataDirLock lock, EmbeddedPostgres postgres) {
    this.lock = lock;
    this.postgres = postgres;
  }

  /**
   * @throws PlatformStartupException if a running platform uses the directory or PostgreSQL fails
   */
  public static EmbeddedDatabase start(Path dataDir) {
    DataDirLock lock = DataDirLock.acquire(dataDir);
    Path pgDir = dataDir.resolve("pg");
    try {
      Files.createDirectories(pgDir);
      LeftoverPostgres.clear(pgDir).ifPresent(log::warn);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgDir)
              .setCleanDataDirectory(false)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .start();
      log.info("embedded PostgreSQL on 127.0.0.1:{}, data in {}", postgres.getPort(), pgDir);
      return new EmbeddedDatabase(lock, postgres);
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw new PlatformStartupException(
          "cannot start embedded PostgreSQL with data in " + pgDir + ": " + e.getMessage(),
          "check the directory is writable and holds PostgreSQL 17 data, or use --data-dir");
    }
  }

  /**
   * The port of the embedded PostgreSQL of the platform running on {@code dataDir}, if one runs (it
   * holds the directory's lock and its postmaster is up); empty when no platform runs there.
   *
   * @throws PlatformStartupException when a platform holds the directory but its database is not up
   *     (it is starting, or runs with an external database)
   */
  public static OptionalInt runningPort(Path dataDir) {
    if (!DataDirLock.isHeld(dataDir)) {
      return OptionalInt.empty();
    }
    Path pidFile = dataDir.resolve("pg").resolve("postmaster.pid");
    try {
      // postmaster.pid: pid, data directory, start time, port, ... (PostgreSQL's own layout)
      List<String> lines = Files.readAllLines(pidFile);
      if (lines.size() >= 4
          && ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
              .map(ProcessHandle::isAlive)
              .orElse(false)) {
        return OptionalInt.of(Integer.parseInt(lines.get(3).strip()));
      }
    } catch (IOException | NumberFormatException e) {
      // Not up: reported below.
    }
    throw new PlatformStartupException(
        "the platform running on "
            + dataDir
            + " has no embedded PostgreSQL up (it is starting, or uses an external database)",
        "wait until it is up; an external database is backed up with pg_dump (docs/backup.md)");
  }

  /** The JDBC URL of the embedded database on {@code port}, as the platform connects. */
  public static String jdbcUrl(int port) {
    return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  /** Stops PostgreSQL, then gives up the data directory. */
  @Override
  public void close() throws IOException {
    try {
      postgres.close();
    } finally {
      lock.close();
    }
  }
}
