package io.noderr.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The embedded database of a platform that was killed comes back at the next start, and a second
 * platform on a data directory in use is refused without harming the first: with a real embedded
 * PostgreSQL started by a real second JVM, killed with SIGKILL.
 */
class EmbeddedDatabaseCrashIT {

  @TempDir Path dataDir;
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private Process child;

  @BeforeEach
  void captureLog() {
    logged.start();
    ((Logger) LoggerFactory.getLogger(EmbeddedDatabase.class)).addAppender(logged);
  }

  @AfterEach
  void stopChild() throws Exception {
    ((Logger) LoggerFactory.getLogger(EmbeddedDatabase.class)).detachAppender(logged);
    if (child != null && child.isAlive()) {
      child.destroy(); // SIGTERM: its shutdown hook stops its PostgreSQL
      child.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void startAfterKill9_stopsTheOrphanedPostgres_andOpensTheSameData() throws Exception {
    startChild();
    long postmaster = postmasterPid();
    child.destroyForcibly(); // SIGKILL, as kill -9
    child.waitFor(30, TimeUnit.SECONDS);
    // What made the next start fail: the dead platform's PostgreSQL still runs.
    assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).contains(true);

    try (EmbeddedDatabase restarted = EmbeddedDatabase.start(dataDir)) {
      assertThat(marker(restarted.jdbcUrl())).containsExactly("written before the crash");
    }
    assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).isNotEqualTo(true);
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains("stopped the PostgreSQL left running by a platform that is gone")
        .contains("postmaster " + postmaster);
  }

  @Test
  void secondStartOnADataDirInUse_isRefusedInOneLine_andLeavesTheFirstRunning() throws Exception {
    String firstUrl = startChild();
    long postmaster = postmasterPid();

    assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir))
        .isInstanceOf(PlatformStartupException.class)
        .hasMessage(
            "data directory "
                + dataDir
                + " is in use by a running Noderr platform (pid "
                + child.pid()
                + ")");

    assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).contains(true);
    assertThat(marker(firstUrl)).containsExactly("written before the crash");
    assertThat(warnings()).isEmpty();
  }

  @Test
  void stalePidFileNamingAnotherProcess_isRemoved() throws Exception {
    EmbeddedDatabase.start(dataDir).close(); // a clean data directory, stopped properly
    // After a reboot or in a container the recorded id may belong to some other live process;
    // PostgreSQL alone would refuse to start because of it.
    long unrelated = ProcessHandle.current().pid();
    Files.writeString(dataDir.resolve("pg/postmaster.pid"), unrelated + "\n" + dataDir + "\n");

    try (EmbeddedDatabase restarted = EmbeddedDatabase.start(dataDir)) {
      assertThat(marker(restarted.jdbcUrl())).isEmpty();
    }
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains(
            "removed a stale postmaster.pid (process " + unrelated + " is not its PostgreSQL)");
  }

  /** Starts the child JVM and waits until its database is up; returns its JDBC URL. */
  private String startChild() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    child =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedDatabaseChild.class.getName(),
                dataDir.toString())
            .redirectErrorStream(true)
            .start();
    var out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("READY ")) {
        String url = line.substring("READY ".length());
        // Keep draining its output so it never blocks on a full pipe.
        Thread.ofVirtual().start(() -> out.lines().forEach(l -> {}));
        return url;
      }
    }
    throw new AssertionError("the child JVM ended before its database was up");
  }

  private long postmasterPid() throws Exception {
    return Long.parseLong(Files.readAllLines(dataDir.resolve("pg/postmaster.pid")).getFirst());
  }

  private static List<String> marker(String jdbcUrl) throws Exception {
    try (var connection = DriverManager.getConnection(jdbcUrl);
        var statement = connection.createStatement()) {
      statement.execute("create table if not exists marker (note text)");
      try (var rows = statement.executeQuery("select note from marker")) {
        var notes = new java.util.ArrayList<String>();
        while (rows.next()) {
          notes.add(rows.getString(1));
        }
        return notes;
      }
    }
  }

  private List<String> warnings() {
    return logged.list.stream()
        .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }
}
