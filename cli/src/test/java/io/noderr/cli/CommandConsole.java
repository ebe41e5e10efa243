package io.noderr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * A command of the people's CLI run in-process as at a terminal: the environment it reads, what the
 * person types, what it prints on stdout and stderr, and its exit code.
 */
final class CommandConsole {

  final Map<String, String> env = new HashMap<>();
  final List<String> typed = new ArrayList<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** Runs the command built on this console's terminal; clears what earlier runs printed. */
  int run(Function<Terminal, Object> command, List<String> arguments) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cli = NoderrCli.cli(command.apply(new ScriptedTerminal(env, typed)));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(arguments.toArray(String[]::new));
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }

  /** Exit code 1 and one readable last line, no stack trace. */
  void assertRefused(int exit, String message) {
    assertThat(exit).as(out()).isEqualTo(1);
    String[] lines = err().strip().split("\n");
    assertThat(lines[lines.length - 1]).startsWith("error: ").contains(message);
    assertThat(err()).doesNotContain("\tat ");
  }
}
