package io.noderr.app.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Clears what the PostgreSQL of a platform that died without stopping it ({@code kill -9}, OOM
 * killer) leaves in its data directory: the postmaster and its backends keep running, holding the
 * port, shared memory and {@code postmaster.pid}, and a new postmaster refuses to start beside
 * them.
 *
 * <p>Call it only while holding the {@link DataDirLock}: then no running platform owns this
 * directory, and every {@code postgres} process whose working directory it is (a postmaster and its
 * backends live in their data directory) is an orphan of ours. Those are stopped as {@code pg_ctl
 * stop} would (SIGTERM; their clients died with the platform, so the shutdown is quick), killed
 * only if they do not stop; PostgreSQL's write-ahead log makes either safe for the data. A {@code
 * postmaster.pid} naming no postgres of ours (a process id reused after a reboot or in a container)
 * is removed, since PostgreSQL would otherwise refuse to start because of it.
 */
final class LeftoverPostgres {

  static final Duration STOP_WAIT = Duration.ofSeconds(20);
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);
  private static final String PID_FILE = "postmaster.pid";

  private LeftoverPostgres() {}

  /**
   * @return what was cleared, in one sentence, or empty when nothing was left
   */
  static Optional<String> clear(Path pgDir) throws IOException {
    Path pidFile = pgDir.resolve(PID_FILE);
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    String recorded = firstLine(pidFile);
    List<ProcessHandle> orphans = processesIn(pgDir.toRealPath());
    String cleared;
    if (orphans.isEmpty()) {
      cleared = "removed a stale " + PID_FILE + " (process " + recorded + " is not its PostgreSQL)";
    } else {
      orphans.forEach(ProcessHandle::destroy);
      if (!awaitExit(orphans, STOP_WAIT)) {
        orphans.forEach(ProcessHandle::destroyForcibly);
        if (!awaitExit(orphans, KILL_WAIT)) {
          throw new IOException(
              "PostgreSQL processes left by a stopped platform do not exit: "
                  + orphans.stream()
                      .filter(ProcessHandle::isAlive)
                      .map(ProcessHandle::pid)
                      .toList());
        }
      }
      cleared =
          "stopped the PostgreSQL left running by a platform that is gone (postmaster "
              + recorded
              + ", "
              + orphans.size()
              + " processes)";
    }
    // A clean shutdown removes it; a killed postmaster leaves it behind.
    Files.deleteIfExists(pidFile);
    return Optional.of(cleared + " in " + pgDir);
  }

  private static String firstLine(Path pidFile) throws IOException {
    List<String> lines = Files.readAllLines(pidFile);
    return lines.isEmpty() ? "?" : lines.getFirst().strip();
  }

  /** The running postgres processes whose working directory is {@code pgDir} (Linux /proc). */
  private static List<ProcessHandle> processesIn(Path pgDir) {
    List<ProcessHandle> found = new ArrayList<>();
    ProcessHandle.allProcesses()
        .filter(p -> p.info().command().filter(c -> c.endsWith("/postgres")).isPresent())
        .filter(p -> pgDir.equals(workingDirectory(p)))
        .forEach(found::add);
    return found;
  }

  private static Path workingDirectory(ProcessHandle process) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"));
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null; // gone meanwhile, or not ours to inspect: not counted as ours
    }
  }

  private static boolean awaitExit(List<ProcessHandle> processes, Duration limit) {
    Instant deadline = Instant.now().plus(limit);
    while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
      if (Instant.now().isAfter(deadline)) {
        return false;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
