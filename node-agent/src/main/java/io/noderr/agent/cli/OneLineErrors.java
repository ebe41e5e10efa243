package io.noderr.agent.cli;

import io.noderr.agent.platform.PlatformException;
import io.noderr.agent.tpm.TpmOperationException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * How every {@code noderr} command reports a failure: one readable line on stderr, exit code 1
 * (picocli's usage errors stay exit code 2). Shared by the agent jar and the people's CLI, which
 * adds its own exceptions whose message is already the whole story.
 */
public final class OneLineErrors {

  /** Exceptions of ours and of the JDK whose message is written for the person at the terminal. */
  private static final List<Class<? extends Exception>> SELF_EXPLAINING =
      List.of(
          PlatformException.class,
          IllegalArgumentException.class,
          IllegalStateException.class,
          TpmOperationException.class,
          UncheckedIOException.class);

  private OneLineErrors() {}

  /**
   * The command line of {@code command} as users get it.
   *
   * @param alsoSelfExplaining the caller's own exceptions printed as their message alone
   */
  @SafeVarargs
  public static CommandLine cli(Object command, Class<? extends Exception>... alsoSelfExplaining) {
    List<Class<? extends Exception>> plain =
        Stream.concat(SELF_EXPLAINING.stream(), Stream.of(alsoSelfExplaining)).toList();
    CommandLine cli = new CommandLine(command);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("error: " + oneLine(e, plain));
          return 1;
        });
    return cli;
  }

  private static String oneLine(Exception e, List<Class<? extends Exception>> plain) {
    if (plain.stream().anyMatch(type -> type.isInstance(e))) {
      return e.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
