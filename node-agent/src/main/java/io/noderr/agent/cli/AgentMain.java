package io.noderr.agent.cli;

import io.noderr.agent.platform.PlatformException;
import io.noderr.agent.tpm.TpmOperationException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the node agent jar: {@code agent} runs one node, {@code sim} a fleet. */
@Command(
    name = "noderr-agent",
    mixinStandardHelpOptions = true,
    subcommands = {AgentCommand.class, SimCommand.class},
    description = "Noderr node agent and fleet simulator.")
public final class AgentMain implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    // The agent jar may share a classpath with the platform (Spring Boot owns logback.xml there).
    System.setProperty("logback.configurationFile", "noderr-agent-logback.xml");
    CommandLine cli = new CommandLine(new AgentMain());
    // Users get one readable line, never a stack trace.
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("error: " + oneLine(e));
          return 1;
        });
    System.exit(cli.execute(args));
  }

  static String oneLine(Exception e) {
    if (e instanceof PlatformException
        || e instanceof IllegalArgumentException
        || e instanceof TpmOperationException
        || e instanceof UncheckedIOException) {
      return e.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
