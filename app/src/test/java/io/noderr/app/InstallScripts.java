package io.noderr.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the installer scripts of {@code install/} from the app module's tests. */
final class InstallScripts {

  static final Path INSTALL_DIR = Path.of("..", "install").toAbsolutePath().normalize();

  /** What a script run printed and returned. */
  record Run(int exitCode, String stdout, String stderr) {}

  private InstallScripts() {}

  /** A directory with a {@code systemctl} that succeeds and records its arguments. */
  static Path fakeSystemctl(Path directory) throws IOException {
    Path bin = Files.createDirectories(directory.resolve("fake-bin"));
    Path systemctl = bin.resolve("systemctl");
    Files.writeString(
        systemctl,
        "#!/usr/bin/env bash\necho \"systemctl $*\" >> \""
            + directory.resolve("calls.log")
            + "\"\n");
    Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  /**
   * What a test install into the throwaway {@code root} runs with: no user creation, this JDK, the
   * install token, and the fake systemctl first on the PATH.
   */
  static Map<String, String> throwawayInstall(Path root, String token) throws IOException {
    return Map.of(
        "NODERR_INSTALL_ROOT",
        root.toString(),
        "NODERR_SKIP_USER_CREATE",
        "1",
        "NODERR_INSTALL_TOKEN",
        token,
        "JAVA_HOME",
        System.getProperty("java.home"),
        "PATH",
        fakeSystemctl(root) + ":" + System.getenv("PATH"));
  }

  static Run bash(Path script, List<String> arguments, Map<String, String> environment)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(arguments);
    return run(command, environment);
  }

  /**
   * install.ps1's grammar check: the tree-sitter PowerShell grammar from install/test/powershell
   * (its node_modules come from the app module's npm ci).
   */
  static Run parsePowerShell(Path script) throws IOException, InterruptedException {
    Path checker = INSTALL_DIR.resolve("test/powershell/parse-powershell.mjs");
    return run(List.of("node", checker.toString(), script.toString()), Map.of());
  }

  private static Run run(List<String> command, Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    Path out = Files.createTempFile("install", ".out");
    Path err = Files.createTempFile("install", ".err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish in 5 minutes");
    }
    Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return run;
  }
}
