package io.noderr.attestation.swtpm;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts and reliably stops the swtpm tools. Every started process is tracked until it is stopped,
 * and a shutdown hook kills whatever a test forgot to close: a leftover swtpm holds ports and would
 * confuse the next run.
 */
final class Processes {

  private static final Duration GRACE = Duration.ofSeconds(3);

  // Static on purpose: the shutdown hook has to see processes of every harness instance.
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> RUNNING.forEach(Processes::stop), "swtpm-reaper"));
  }

  private Processes() {}

  /** Fails with a clear message when a tool is missing: CI installs swtpm, so skipping is wrong. */
  static String executable(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .findFirst()
        .map(Path::toString)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "swtpm is not installed: '"
                        + name
                        + "' is not on the PATH (apt-get install swtpm swtpm-tools)"));
  }

  /** Starts {@code command} with stdout and stderr appended to {@code log}. */
  static Process start(List<String> command, Path log) {
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      RUNNING.add(process);
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.getFirst(), e);
    }
  }

  /** Runs {@code command} to completion; a failure carries the tool's output. */
  static void run(List<String> command, Path log, Duration timeout) {
    Process process = start(command, log);
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            command.getFirst() + " did not finish within " + timeout + ":\n" + tail(log));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            command.getFirst() + " failed (exit " + process.exitValue() + "):\n" + tail(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.getFirst(), e);
    } finally {
      stop(process);
    }
  }

  /** SIGTERM, then SIGKILL after a grace period; children first (swtpm_setup starts swtpm). */
  static void stop(Process process) {
    process.descendants().forEach(Processes::stop);
    stop(process.toHandle());
    RUNNING.remove(process);
  }

  private static void stop(ProcessHandle handle) {
    if (!handle.isAlive()) {
      return;
    }
    handle.destroy();
    try {
      handle.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception timedOutOrInterrupted) {
      handle.destroyForcibly();
      handle.onExit().join();
    }
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(Processes::delete);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory, e);
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }
}
