package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./noderr} launcher's JDK discovery and its one-line failures. */
class LauncherTest {

  private static final Path LAUNCHER = Path.of("..", "noderr").toAbsolutePath().normalize();

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
    assertThat(result.stdout()).contains("usage: ./noderr <command>");
  }

  @Test
  void refusesUnknownCommands_withUsageAndOneErrorLine() throws Exception {
    Result result = run(Map.of(), "deploy-everything");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("noderr: unknown command 'deploy-everything'");
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
