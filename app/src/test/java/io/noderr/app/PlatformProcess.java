package io.noderr.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The platform as {@code noderr up} runs it, the packaged app jar in a JVM of its own, so a drill
 * can {@code kill -9} it and start it again on the same data directory and ports. Its output goes
 * to a log file beside the data directory.
 */
public final class PlatformProcess implements AutoCloseable {

  /** Ports picked once and kept across restarts, as a user's {@code noderr up} keeps them. */
  public record Ports(int console, int temporal, int gateway) {

    public static Ports free() throws IOException {
      return new Ports(freePort(), freePort(), freePort());
    }

    private static int freePort() throws IOException {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }
  }

  private final Process process;
  private final URI base;

  private PlatformProcess(Process process, URI base) {
    this.process = process;
    this.base = base;
  }

  /**
   * Launches the platform; returns at once (see {@link #awaitReady}).
   *
   * @param extraArguments further {@code noderr up} options
   */
  public static PlatformProcess launch(
      Path dataDir, int simulatedNodes, Ports ports, Path log, String... extraArguments)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g",
                "--enable-native-access=ALL-UNNAMED",
                "-jar",
                appJar().toString(),
                "--data-dir",
                dataDir.toString(),
                "--sim-nodes",
                Integer.toString(simulatedNodes),
                "--port",
                Integer.toString(ports.console()),
                "--temporal-port",
                Integer.toString(ports.temporal()),
                "--gateway-port",
                Integer.toString(ports.gateway()),
                "--no-chain"));
    command.addAll(List.of(extraArguments));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new PlatformProcess(process, URI.create("http://127.0.0.1:" + ports.console()));
  }

  /**
   * The app jar the build packaged ({@code app/target}), as {@code noderr up} runs it: from the app
   * module (tests) or from the repository root (the bench).
   */
  private static Path appJar() throws IOException {
    for (Path target : List.of(Path.of("target"), Path.of("app", "target"))) {
      if (Files.isDirectory(target)) {
        try (Stream<Path> files = Files.list(target)) {
          Optional<Path> jar =
              files
                  .map(f -> f.getFileName().toString())
                  .filter(name -> name.startsWith("noderr-app-") && name.endsWith(".jar"))
                  .filter(name -> !name.endsWith("-tests.jar"))
                  .map(target::resolve)
                  .findFirst();
          if (jar.isPresent()) {
            return jar.get().toAbsolutePath();
          }
        }
      }
    }
    throw new IllegalStateException("package the app first (./mvnw -pl app -am package)");
  }

  public URI base() {
    return base;
  }

  /**
   * Waits until the API answers and {@code nodes} simulated nodes are enrolled.
   *
   * @throws IllegalStateException when the process ends or {@code timeout} passes first
   */
  public void awaitReady(int nodes, Duration timeout) throws InterruptedException {
    PlatformApi api = new PlatformApi(base);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the platform exited with " + process.exitValue());
      }
      try {
        if (api.get("/api/v1/fleet/health", "sre").path("total").asInt() >= nodes) {
          return;
        }
      } catch (Exception | AssertionError notYet) {
        // not listening, or not answering 200 yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the platform was not ready within " + timeout);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** {@code kill -9}: no shutdown hook runs; the embedded PostgreSQL is left behind as it is. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** A normal stop (SIGTERM); whatever is still left after 60 s is killed. */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }
}
