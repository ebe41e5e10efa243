package io.noderr.app.backup;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.app.embedded.EmbeddedDatabase;
import io.noderr.app.embedded.PlatformStartupException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;

/**
 * {@code noderr restore}: a backup into an empty data directory, from which {@code noderr up}
 * starts the same platform. The whole file is checked before anything is written; the schema is
 * created by the platform's own migrations up to the backup's version (a newer platform migrates
 * further at its start), then every table is loaded in one transaction with triggers and foreign
 * keys off (the rows were consistent when copied) and the sequences set. Anything that fails leaves
 * the directory empty again.
 */
final class PlatformRestore {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final String MIGRATIONS = "classpath:db/migration";

  private PlatformRestore() {}

  static BackupManifest restore(Path from, Path dataDir, int knownSchemaVersion)
      throws BackupException {
    requireEmpty(dataDir);
    try (ZipFile zip = open(from)) {
      BackupManifest manifest = check(from, zip, dataDir, knownSchemaVersion);
      boolean created = !Files.exists(dataDir);
      try {
        Files.createDirectories(dataDir);
        load(zip, manifest, dataDir);
        return manifest;
      } catch (IOException | SQLException | RuntimeException e) {
        empty(dataDir, created);
        throw new BackupException(
            "restore of " + from + " failed, " + dataDir + " left empty: " + e.getMessage(), e);
      }
    } catch (IOException e) {
      throw new BackupException("cannot read " + from + ": " + e.getMessage(), e);
    }
  }

  private static void requireEmpty(Path dataDir) throws BackupException {
    if (!Files.exists(dataDir)) {
      return;
    }
    if (!Files.isDirectory(dataDir)) {
      throw new BackupException(dataDir + " is not a directory");
    }
    try (Stream<Path> entries = Files.list(dataDir)) {
      if (entries.findAny().isPresent()) {
        throw new BackupException(
            "data directory "
                + dataDir
                + " is not empty; restore only into an empty or new directory (--data-dir)");
      }
    } catch (IOException e) {
      throw new BackupException("cannot read " + dataDir + ": " + e.getMessage(), e);
    }
  }

  private static ZipFile open(Path from) throws BackupException {
    try {
      return new ZipFile(from.toFile());
    } catch (NoSuchFileException e) {
      throw new BackupException("no such file: " + from);
    } catch (ZipException e) {
      throw new BackupException(from + " is not a Noderr backup (not a zip archive)");
    } catch (IOException e) {
      throw new BackupException(
          Files.exists(from)
              ? "cannot read " + from + ": " + e.getMessage()
              : "no such file: " + from);
    }
  }

  /** Everything a restore relies on, before anything is written. */
  private static BackupManifest check(Path from, ZipFile zip, Path dataDir, int knownSchemaVersion)
      throws BackupException {
    ZipEntry entry = zip.getEntry(BackupManifest.ENTRY);
    if (entry == null) {
      throw new BackupException(from + " is not a Noderr backup (no " + BackupManifest.ENTRY + ")");
    }
    BackupManifest manifest;
    try (InputStream in = zip.getInputStream(entry)) {
      manifest = JSON.readValue(in, BackupManifest.class);
    } catch (JacksonException e) {
      throw new BackupException(from + " is not a Noderr backup (unreadable manifest)");
    } catch (IOException e) {
      throw new BackupException("cannot read " + from + ": " + e.getMessage(), e);
    }
    if (!BackupManifest.FORMAT.equals(manifest.format())) {
      throw new BackupException(
          from
              + " is a backup of format "
              + manifest.format()
              + "; this noderr restores "
              + BackupManifest.FORMAT);
    }
    if (manifest.schemaVersion() == null
        || !manifest.schemaVersion().matches("\\d{1,6}")
        || manifest.tables() == null
        || manifest.sequences() == null
        || manifest.files() == null) {
      throw new BackupException(from + " is not a Noderr backup (incomplete manifest)");
    }
    int version = Integer.parseInt(manifest.schemaVersion());
    if (version > knownSchemaVersion) {
      throw new BackupException(
          from
              + " holds registry schema version "
              + version
              + "; this noderr knows up to "
              + knownSchemaVersion
              + ": restore it with the noderr that made it or a newer one");
    }
    for (String name : concat(manifest.tables().keySet(), manifest.sequences().keySet())) {
      if (!name.matches(BackupManifest.NAME)) {
        throw new BackupException(from + " is damaged: bad table or sequence name");
      }
    }
    for (String table : manifest.tables().keySet()) {
      requireEntry(from, zip, BackupManifest.TABLES + table + ".copy");
    }
    Path root = dataDir.toAbsolutePath().normalize();
    for (String file : manifest.files()) {
      Path target = root.resolve(file).normalize();
      if (!target.startsWith(root)
          || target.equals(root)
          || target.startsWith(root.resolve("pg"))) {
        throw new BackupException(from + " is damaged: file " + file + " is outside the data dir");
      }
      requireEntry(from, zip, BackupManifest.FILES + file);
    }
    return manifest;
  }

  private static void requireEntry(Path from, ZipFile zip, String name) throws BackupException {
    if (zip.getEntry(name) == null) {
      throw new BackupException(from + " is damaged: " + name + " is missing");
    }
  }

  private static Set<String> concat(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  private static void load(ZipFile zip, BackupManifest manifest, Path dataDir)
      throws IOException, SQLException {
    try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir)) {
      Flyway.configure()
          .dataSource(database.jdbcUrl(), "postgres", "")
          .locations(MIGRATIONS)
          .target(manifest.schemaVersion())
          .load()
          .migrate();
      try (Connection connection = DriverManager.getConnection(database.jdbcUrl())) {
        loadTables(zip, manifest, connection);
      }
    } catch (PlatformStartupException e) {
      throw new IOException(e.getMessage(), e);
    }
    for (String file : manifest.files()) {
      Path target = dataDir.resolve(file);
      createPrivateDirectories(dataDir, target.getParent());
      // Owner-only, as the platform keeps its key and token: created so, then filled.
      Files.createFile(
          target,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (InputStream in = zip.getInputStream(zip.getEntry(BackupManifest.FILES + file));
          OutputStream out = Files.newOutputStream(target)) {
        in.transferTo(out);
      }
    }
  }

  private static void loadTables(ZipFile zip, BackupManifest manifest, Connection connection)
      throws SQLException, IOException {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      Set<String> existing = new HashSet<>();
      try (ResultSet rows =
          // Partitions are not tables of the backup: their parent's rows are (PlatformBackup).
          statement.executeQuery(
              "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                  + " where n.nspname = 'public' and c.relkind in ('r', 'p')"
                  + " and not c.relispartition")) {
        while (rows.next()) {
          existing.add(rows.getString(1));
        }
      }
      for (String table : manifest.tables().keySet()) {
        if (!existing.contains(table)) {
          throw new SQLException(
              "table " + table + " does not exist at schema version " + manifest.schemaVersion());
        }
      }
      // Foreign keys and triggers are triggers: off for this transaction, as pg_restore does.
      statement.execute("set local session_replication_role = replica");
      // The migrations' own rows (flyway_schema_history, seeded settings) are in the backup too.
      statement.execute(
          "truncate "
              + manifest.tables().keySet().stream()
                  .map(PlatformBackup::quote)
                  .collect(Collectors.joining(", ")));
      var copy = connection.unwrap(PGConnection.class).getCopyAPI();
      for (Map.Entry<String, Long> table : manifest.tables().entrySet()) {
        String name = table.getKey();
        try (InputStream in =
            zip.getInputStream(zip.getEntry(BackupManifest.TABLES + name + ".copy"))) {
          long rows = copy.copyIn("COPY public." + PlatformBackup.quote(name) + " FROM STDIN", in);
          if (rows != table.getValue()) {
            throw new SQLException(
                "table " + name + ": " + rows + " rows, the manifest says " + table.getValue());
          }
        }
      }
      try (PreparedStatement setval = connection.prepareStatement("select setval(?, ?, true)")) {
        for (Map.Entry<String, Long> sequence : manifest.sequences().entrySet()) {
          setval.setString(1, "public." + PlatformBackup.quote(sequence.getKey()));
          setval.setLong(2, sequence.getValue());
          setval.execute();
        }
      }
    }
    connection.commit();
  }

  private static void createPrivateDirectories(Path dataDir, Path directory) throws IOException {
    if (directory.equals(dataDir) || Files.isDirectory(directory)) {
      return;
    }
    createPrivateDirectories(dataDir, directory.getParent());
    Files.createDirectory(
        directory,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  /** Back to how it was: absent, or an empty directory. */
  private static void empty(Path dataDir, boolean remove) {
    try (Stream<Path> all = Files.walk(dataDir)) {
      List<Path> paths = all.sorted(Comparator.reverseOrder()).toList();
      for (Path path : paths) {
        if (remove || !path.equals(dataDir)) {
          Files.deleteIfExists(path);
        }
      }
    } catch (IOException e) {
      // The message of the failure names the directory; nothing more to do here.
    }
  }
}
