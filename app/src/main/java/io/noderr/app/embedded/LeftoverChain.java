package io.noderr.app.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dev chain (ganache) left running on the data directory's chain by a platform that was killed
 * (SIGKILL, a crash): it holds the chain's port and database, so the next start stops it first.
 *
 * <p>Call it only while holding the {@link DataDirLock}: then no running platform owns this chain,
 * and every ganache on it is an orphan.
 */
final class LeftoverChain {

  private static final Logger log = LoggerFactory.getLogger(LeftoverChain.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private LeftoverChain() {}

  /** Stops every ganache whose database is {@code ganacheDir}. */
  static void clear(Path ganacheDir) {
    String database = ganacheDir.toAbsolutePath().normalize().toString();
    List<ProcessHandle> orphans =
        ProcessHandle.allProcesses().filter(p -> runsOn(p, database)).toList();
    if (orphans.isEmpty()) {
      return;
    }
    log.info("stopping the dev chain a previous platform left running on {}", database);
    orphans.forEach(ProcessHandle::destroy);
    try {
      CompletableFuture.allOf(
              orphans.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
          .get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      orphans.forEach(ProcessHandle::destroyForcibly);
    } catch (InterruptedException e) {
      orphans.forEach(ProcessHandle::destroyForcibly);
      Thread.currentThread().interrupt();
    }
  }

  private static boolean runsOn(ProcessHandle process, String database) {
    Optional<String[]> arguments = process.info().arguments();
    if (arguments.isEmpty()) {
      return false; // not ours to inspect
    }
    List<String> args = List.of(arguments.get());
    int option = args.indexOf("--database.dbPath");
    return option >= 0
        && option + 1 < args.size()
        && args.get(option + 1).equals(database)
        && args.stream().anyMatch(arg -> arg.contains("ganache"));
  }
}
