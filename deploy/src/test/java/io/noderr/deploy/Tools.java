package io.noderr.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The repository this module checks, and the real tools it checks it with. */
final class Tools {

  static final Path ROOT =
      Path.of(System.getProperty("noderr.root", "..")).toAbsolutePath().normalize();
  static final String VERSION = System.getProperty("noderr.version", "0.1.0-SNAPSHOT");

  private Tools() {}

  /** What a finished command printed, and its exit code. */
  record Result(int exitCode, String stdout, String stderr) {
    Result requireSuccess() {
      if (exitCode != 0) {
        throw new AssertionError("exit " + exitCode + ":\n" + stdout + stderr);
      }
      return this;
    }
  }

  static Result run(Path directory, List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("noderr-tool-", ".out");
    Path err = Files.createTempFile("noderr-tool-", ".err");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(command + " did not finish within 5 minutes");
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** An installed tool, or a failure naming the package (./noderr test installs them all). */
  static String require(String tool, String debianPackage) {
    for (String dir : (System.getenv("PATH") + ":/usr/sbin:/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return Path.of(dir, tool).toString();
      }
    }
    throw new AssertionError(
        tool + " is not installed: apt-get install " + debianPackage + " (./noderr test does)");
  }

  /** The Compose command: the Docker CLI plugin when there is one, else Debian's docker-compose. */
  static List<String> compose() throws IOException, InterruptedException {
    try {
      if (run(ROOT, List.of("docker", "compose", "version")).exitCode() == 0) {
        return List.of("docker", "compose");
      }
    } catch (IOException noDockerCli) {
      // no docker at all: Debian's docker-compose still validates files
    }
    return List.of(require("docker-compose", "docker-compose"));
  }

  /** Runs {@code main} from the platform's jar, exactly as ./noderr does for compose-init. */
  static Result platformTool(Path directory, String main, String... args)
      throws IOException, InterruptedException {
    Path jar = ROOT.resolve("app/target/noderr-app-" + VERSION + ".jar");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(
        List.of(
            "-cp",
            jar.toString(),
            "-Dloader.main=" + main,
            "org.springframework.boot.loader.launch.PropertiesLauncher"));
    command.addAll(List.of(args));
    return run(directory, command);
  }
}
