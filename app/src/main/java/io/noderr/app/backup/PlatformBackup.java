package io.noderr.app.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.postgresql.PGConnection;

/**
 * {@code noderr backup}: the registry and the data-directory state of an embedded platform into one
 * file, while the platform runs. Every table is copied inside one REPEATABLE READ transaction, so
 * the rows are one consistent snapshot even while rollouts write (the embedded PostgreSQL ships no
 * pg_dump, hence COPY). The file is written beside its target and renamed into place when complete,
 * readable by its owner only: it holds secrets.
 */
final class PlatformBackup {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PlatformBackup() {}

  static BackupManifest write(Path dataDir, Path to, String platformVersion)
      throws BackupException {
    if (Files.exists(to)) {
      throw new BackupException(to + " already exists; a backup never overwrites a file");
    }
    if (!Files.isDirectory(dataDir.resolve("pg"))) {
      throw new BackupException(
          dataDir
              + " holds no embedded PostgreSQL (a platform with an external database is backed"
              + " up with pg_dump: docs/backup.md)");
    }
    Path partial = to.toAbsolutePath().resolveSibling("." + to.getFileName() + ".partial");
    try (DataDirDatabase database = DataDirDatabase.of(dataDir)) {
      Files.deleteIfExists(partial);
      Files.createFile(
          partial,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      BackupManifest manifest;
      try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial));
          Connection connection = database.connect()) {
        Snapshot snapshot = writeDatabase(connection, zip);
        List<String> files = DataDirFiles.list(dataDir);
        for (String file : files) {
          zip.putNextEntry(new ZipEntry(BackupManifest.FILES + file));
          Files.copy(dataDir.resolve(file), zip);
          zip.closeEntry();
        }
        manifest =
            new BackupManifest(
                BackupManifest.FORMAT,
                Instant.now().toString(),
                platformVersion,
                snapshot.schemaVersion(),
                snapshot.tables(),
                snapshot.sequences(),
                files);
        zip.putNextEntry(new ZipEntry(BackupManifest.ENTRY));
        zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        zip.closeEntry();
      }
      Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
      return manifest;
    } catch (IOException | SQLException e) {
      throw new BackupException("backup of " + dataDir + " failed: " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException e) {
        // Only a leftover hidden file; the message above says what failed.
      }
    }
  }

  /** The tables (written to the zip) and sequences, from one snapshot. */
  private static Snapshot writeDatabase(Connection connection, ZipOutputStream zip)
      throws SQLException, IOException {
    connection.setAutoCommit(false);
    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    connection.setReadOnly(true);
    try (Statement statement = connection.createStatement()) {
      String schemaVersion =
          single(
              statement,
              "select version from flyway_schema_history where success and version is not null"
                  + " order by installed_rank desc limit 1");
      // A partitioned table (raw telemetry, by hour) is copied whole through its parent: its
      // partitions come and go with the clock, and a restore routes the rows into whichever
      // partitions the restored schema has (or its default one, until the retention job runs).
      Map<String, Boolean> tables = new LinkedHashMap<>();
      try (ResultSet rows =
          statement.executeQuery(
              "select c.relname, c.relkind = 'p' from pg_class c"
                  + " join pg_namespace n on n.oid = c.relnamespace"
                  + " where n.nspname = 'public' and c.relkind in ('r', 'p')"
                  + " and not c.relispartition order by c.relname")) {
        while (rows.next()) {
          tables.put(rows.getString(1), rows.getBoolean(2));
        }
      }
      Map<String, Long> counts = new LinkedHashMap<>();
      var copy = connection.unwrap(PGConnection.class).getCopyAPI();
      for (Map.Entry<String, Boolean> table : tables.entrySet()) {
        String name = "public." + quote(table.getKey());
        // COPY reads no partitioned table directly (PostgreSQL 17); a query over it, yes.
        String source = table.getValue() ? "(SELECT * FROM " + name + ")" : name;
        zip.putNextEntry(new ZipEntry(BackupManifest.TABLES + table.getKey() + ".copy"));
        counts.put(table.getKey(), copy.copyOut("COPY " + source + " TO STDOUT", zip));
        zip.closeEntry();
      }
      // Read after the rows: a sequence only grows, so its value covers every copied id.
      Map<String, Long> sequences = new LinkedHashMap<>();
      try (ResultSet rows =
          statement.executeQuery(
              "select sequencename, last_value from pg_sequences where schemaname = 'public'"
                  + " and last_value is not null order by sequencename")) {
        while (rows.next()) {
          sequences.put(rows.getString(1), rows.getLong(2));
        }
      }
      connection.commit();
      return new Snapshot(schemaVersion, counts, sequences);
    }
  }

  /** What the database part of the manifest says. */
  private record Snapshot(
      String schemaVersion, Map<String, Long> tables, Map<String, Long> sequences) {}

  private static String single(Statement statement, String query) throws SQLException {
    try (ResultSet rows = statement.executeQuery(query)) {
      if (!rows.next()) {
        throw new SQLException("the registry has no schema yet (start the platform once)");
      }
      return rows.getString(1);
    }
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
