package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.cli.NoderrCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code ./noderr} launcher's JDK discovery, its prerequisite checks ({@code doctor}, run by
 * {@code up} and {@code test} too) against stand-in {@code dpkg}, {@code id}, {@code sudo} and
 * {@code apt-get}, and its one-line failures.
 */
class LauncherTest {

  private static final Path LAUNCHER = Path.of("..", "noderr").toAbsolutePath().normalize();

  /** A line of the launcher's command switch: {@code sim|sign|...)}. */
  private static final Pattern ROUTE = Pattern.compile("^  ([a-z|-]+)\\)$");

  @TempDir Path emptyJvmDir;

  @Test
  void failsWithOneClearLine_whenNoJdk21OrNewerExists() throws Exception {
    Result result =
        run(
            Map.of(
                "JAVA_HOME",
                "/usr/lib/jvm/java-17-openjdk-amd64",
                "NODERR_JVM_DIR",
                emptyJvmDir.toString()),
            "help");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr().strip())
        .startsWith("noderr: no JDK 21 or newer found")
        .doesNotContain("\n");
  }

  @Test
  void findsAJdk21OrNewer_underTheJvmDirectory_whenJavaHomeIsTooOld() throws Exception {
    Result result = run(Map.of("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64"), "help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout())
        .contains("usage: ./noderr <command>")
        .contains("./noderr emergency sign EMERGENCY_ID --key KEYFILE");
  }

  @Test
  void routesEveryCommandOfThePeoplesCli_andListsItInItsUsage() throws Exception {
    String launcher = Files.readString(LAUNCHER);
    Set<String> routed =
        launcher
            .lines()
            .map(ROUTE::matcher)
            .filter(Matcher::matches)
            .flatMap(route -> Stream.of(route.group(1).split("\\|")))
            .collect(Collectors.toSet());
    Set<String> cliCommands = new CommandLine(new NoderrCli()).getSubcommands().keySet();

    assertThat(routed).containsAll(cliCommands);
    assertThat(run(Map.of(), "help").stdout())
        .contains(cliCommands.stream().map(command -> "  " + command + " ").toList());
  }

  @Test
  void refusesUnknownCommands_withUsageAndOneErrorLine() throws Exception {
    Result result = run(Map.of(), "deploy-everything");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("noderr: unknown command 'deploy-everything'");
  }

  @Test
  void missingPackages_withoutRootOrSudo_stopWithOneLineNamingTheCommand() throws Exception {
    Path bin = standIns(false, "1000", false);

    Result result = run(Map.of("PATH", bin + ":" + System.getenv("PATH")), "doctor", "test");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr().strip())
        .startsWith("noderr: missing ")
        .contains("chromium chromium-driver swtpm swtpm-tools tpm2-tools shellcheck docker.io")
        .contains("docker-compose prometheus prometheus-alertmanager")
        .contains("; run: sudo apt-get update && sudo apt-get install -y --no-install-recommends ")
        .doesNotContain("\n");
    assertThat(bin.resolve("apt.log")).doesNotExist();
  }

  @Test
  void missingPackages_asRoot_areInstalled() throws Exception {
    Path bin = standIns(false, "0", false);

    Result result = run(Map.of("PATH", bin + ":" + System.getenv("PATH")), "doctor", "test");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stderr()).contains("noderr: installing chromium");
    assertThat(Files.readString(bin.resolve("apt.log")))
        .contains("update -qq")
        .contains("install -y -qq --no-install-recommends chromium chromium-driver swtpm");
  }

  @Test
  void nothingMissing_nothingInstalled() throws Exception {
    Path bin = standIns(true, "1000", false);

    Result result = run(Map.of("PATH", bin + ":" + System.getenv("PATH")), "doctor", "up");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("everything ./noderr up needs is installed");
    assertThat(bin.resolve("apt.log")).doesNotExist();
  }

  @Test
  void doctorForAnUnknownCommand_failsWithOneLine() throws Exception {
    Result result = run(Map.of(), "doctor", "deploy");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr().strip())
        .isEqualTo("noderr: unknown doctor target 'deploy'; use: ./noderr doctor up|test");
  }

  /** A directory of stand-in tools: every package installed or none, the user id, sudo. */
  private Path standIns(boolean installed, String userId, boolean sudo) throws IOException {
    Path bin = Files.createDirectories(emptyJvmDir.resolve("bin"));
    script(bin, "dpkg", "exit " + (installed ? 0 : 1));
    script(bin, "id", "echo " + userId);
    script(bin, "sudo", "exit " + (sudo ? 0 : 1));
    script(bin, "apt-get", "echo \"$*\" >> " + bin.resolve("apt.log"));
    return bin;
  }

  private static void script(Path bin, String name, String body) throws IOException {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    file.toFile().setExecutable(true);
  }

  private static Result run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().add(LAUNCHER.toString());
    builder.command().addAll(java.util.List.of(args));
    builder.environment().putAll(env);
    Path out = Files.createTempFile("launcher", ".out");
    Path err = Files.createTempFile("launcher", ".err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private record Result(int exitCode, String stdout, String stderr) {}
}
