package io.noderr.agent.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.sun.security.auth.module.UnixSystem;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A Docker Engine of the test's own: dockerd with its data root, exec root, pid file and socket in
 * a temporary directory, no iptables, no bridge and the vfs storage driver (works in any container
 * or VM). It runs in a private mount namespace whose /run is a fresh tmpfs, so the mounts and the
 * /run/docker and /run/containerd files the engine creates vanish with it instead of being left on
 * the machine.
 *
 * <p>Skips the test only when dockerd cannot run at all (not root); a missing package fails it, as
 * CI installs docker.io and busybox-static.
 */
public final class Dockerd implements AutoCloseable {

  private static final long READY_MILLIS = 30_000;
  private static final long STOP_MILLIS = 20_000;

  private final Path directory;
  private final URI host;
  private final Process process;
  private final Thread reaper;
  private final DockerClient client;

  private Dockerd(Path directory, Process process, Thread reaper) {
    this.directory = directory;
    this.host = URI.create("unix://" + socket(directory));
    this.process = process;
    this.reaper = reaper;
    this.client = client(host);
  }

  public static Dockerd start() throws IOException, InterruptedException {
    Assumptions.assumeTrue(
        new UnixSystem().getUid() == 0, "dockerd needs root: skipping the Docker integration test");
    String dockerd = executable("dockerd");
    String unshare = executable("unshare");
    Path directory = Files.createTempDirectory("noderr-dockerd-");
    List<String> command = new ArrayList<>();
    // sh runs in the new namespace, mounts the private /run, then becomes dockerd ($0 "$@").
    command.addAll(
        List.of(
            unshare,
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            "mount -n -t tmpfs noderr-test-run /run && exec \"$0\" \"$@\"",
            dockerd));
    command.addAll(
        List.of(
            "-H",
            "unix://" + socket(directory),
            "--data-root",
            directory.resolve("root").toString(),
            "--exec-root",
            directory.resolve("exec").toString(),
            "--pidfile",
            directory.resolve("dockerd.pid").toString(),
            "--iptables=false",
            "--ip6tables=false",
            "--bridge=none",
            "--ip-masq=false",
            "--storage-driver=vfs"));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("dockerd.log").toFile())
            .start();
    // A test JVM killed mid-run must not leave an engine behind.
    Thread reaper = new Thread(process::destroyForcibly, "dockerd-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
    Dockerd engine = new Dockerd(directory, process, reaper);
    engine.awaitReady();
    return engine;
  }

  public URI host() {
    return host;
  }

  /** A client of the test's own, for what the agent never does (load images, look around). */
  public DockerClient client() {
    return client;
  }

  /** Removes every container, then stops the engine and deletes everything it wrote. */
  @Override
  public void close() throws IOException, InterruptedException {
    try {
      client
          .listContainersCmd()
          .withShowAll(true)
          .exec()
          .forEach(c -> client.removeContainerCmd(c.getId()).withForce(true).exec());
    } finally {
      stop();
    }
  }

  private void stop() throws IOException, InterruptedException {
    try {
      client.close();
    } finally {
      process.destroy();
      if (!process.waitFor(STOP_MILLIS, TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
      }
      Runtime.getRuntime().removeShutdownHook(reaper);
      deleteRecursively(directory);
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + READY_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        String log = tail();
        stop();
        throw new IllegalStateException("dockerd exited:\n" + log);
      }
      if (Files.exists(socket(directory))) {
        try {
          client.pingCmd().exec();
          return;
        } catch (RuntimeException notYet) {
          // the socket exists before the API serves
        }
      }
      Thread.sleep(50);
    }
    String log = tail();
    stop();
    throw new IllegalStateException("dockerd did not answer within 30 s:\n" + log);
  }

  private String tail() throws IOException {
    List<String> lines =
        Files.readAllLines(directory.resolve("dockerd.log"), StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private static Path socket(Path directory) {
    return directory.resolve("docker.sock");
  }

  private static DockerClient client(URI host) {
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(host.toString())
            .withDockerTlsVerify(false)
            .build();
    return DockerClientImpl.getInstance(
        config, new ApacheDockerHttpClient.Builder().dockerHost(host).build());
  }

  /** dockerd lives in /usr/sbin, which a non-login PATH may lack. */
  private static String executable(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
    return Stream.of(path.split(File.pathSeparator))
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .findFirst()
        .map(Path::toString)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    name
                        + " is not installed: apt-get install docker.io busybox-static"
                        + " (.ci/run does)"));
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
