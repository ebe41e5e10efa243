package io.noderr.app.backup;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * {@code noderr backup --to FILE} and {@code noderr restore --from FILE}, each with an optional
 * {@code --data-dir DIR} (default: {@code NODERR_DATA_DIR}, else {@code ~/.noderr/data}, as {@code
 * noderr up}). One line on success, one line and a non-zero exit on any refusal or failure.
 */
public final class BackupMain {

  static final String USAGE =
      "usage: noderr backup --to FILE [--data-dir DIR] | noderr restore --from FILE [--data-dir DIR]";

  private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.*\\.sql");

  private BackupMain() {}

  public static void main(String[] args) {
    // Only warnings (such as what a start cleared) and our own line: no start-up chatter.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
        .setLevel(Level.WARN);
    try {
      System.out.println("noderr: " + run(args));
    } catch (IllegalArgumentException e) {
      System.err.println("noderr: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    } catch (BackupException e) {
      System.err.println("noderr: " + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * Runs the command (also the bench's way in); answers what was done, in one line.
   *
   * @throws IllegalArgumentException for a usage mistake
   * @throws BackupException for a refusal or a failure
   */
  public static String run(String... args) throws BackupException {
    if (args.length == 0 || !(args[0].equals("backup") || args[0].equals("restore"))) {
      throw new IllegalArgumentException("backup or restore?");
    }
    boolean backup = args[0].equals("backup");
    String fileFlag = backup ? "--to" : "--from";
    Path file = null;
    Path dataDir = defaultDataDir();
    for (int i = 1; i < args.length; i += 2) {
      if (i + 1 >= args.length || args[i + 1].isBlank()) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      if (args[i].equals(fileFlag)) {
        file = Path.of(args[i + 1]);
      } else if (args[i].equals("--data-dir")) {
        dataDir = Path.of(args[i + 1]);
      } else {
        throw new IllegalArgumentException("unknown option '" + args[i] + "'");
      }
    }
    if (file == null) {
      throw new IllegalArgumentException(args[0] + " needs " + fileFlag + " FILE");
    }
    long started = System.nanoTime();
    if (backup) {
      BackupManifest manifest = PlatformBackup.write(dataDir, file, platformVersion());
      return "backed up "
          + dataDir
          + " to "
          + file
          + " ("
          + summary(manifest, file, started)
          + "); it holds secrets (gateway key, agent token, password hashes): keep it like one";
    }
    BackupManifest manifest = PlatformRestore.restore(file, dataDir, knownSchemaVersion());
    return "restored "
        + file
        + " into "
        + dataDir
        + " ("
        + summary(manifest, file, started)
        + "); start it with: ./noderr up --data-dir "
        + dataDir;
  }

  private static String summary(BackupManifest manifest, Path file, long startedNanos) {
    long rows = manifest.tables().values().stream().mapToLong(Long::longValue).sum();
    long bytes;
    try {
      bytes = Files.size(file);
    } catch (IOException e) {
      bytes = -1;
    }
    return "schema V%s, %d tables, %d rows, %d files, %.1f MB, %.1f s"
        .formatted(
            manifest.schemaVersion(),
            manifest.tables().size(),
            rows,
            manifest.files().size(),
            bytes / 1e6,
            (System.nanoTime() - startedNanos) / 1e9);
  }

  private static Path defaultDataDir() {
    String configured = System.getenv("NODERR_DATA_DIR");
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".noderr", "data");
  }

  private static String platformVersion() {
    String version = BackupMain.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  /** The highest registry migration this build carries. */
  static int knownSchemaVersion() {
    try {
      int highest = 0;
      for (Resource migration :
          new PathMatchingResourcePatternResolver()
              .getResources(
                  PlatformRestore.MIGRATIONS.replace("classpath:", "classpath*:") + "/*.sql")) {
        Matcher name = MIGRATION.matcher(String.valueOf(migration.getFilename()));
        if (name.matches()) {
          highest = Math.max(highest, Integer.parseInt(name.group(1)));
        }
      }
      return highest;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the registry's migrations", e);
    }
  }
}
