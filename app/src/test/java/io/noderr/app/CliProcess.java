package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The people's CLI jar (or the node agent's) run as its own process, as a person at a terminal runs
 * it.
 */
final class CliProcess {

  private CliProcess() {}

  /** Exit code and everything it printed (stdout and stderr together, as a terminal shows). */
  record Result(int exitCode, String output) {}

  static Result run(Map<String, String> env, List<String> arguments) throws Exception {
    return run(ExecJars.cli(), env, arguments);
  }

  /** {@code noderr agent ...}: the node agent's jar, as an operator runs it on the node. */
  static Result agent(Map<String, String> env, List<String> arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("agent"));
    command.addAll(arguments);
    return run(ExecJars.agent(), env, command);
  }

  private static Result run(Path jar, Map<String, String> env, List<String> arguments)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
