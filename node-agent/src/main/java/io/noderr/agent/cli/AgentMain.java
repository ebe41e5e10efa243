package io.noderr.agent.cli;

import io.noderr.agent.platform.PlatformException;
import io.noderr.agent.signer.SigningRefused;
import io.noderr.agent.tpm.TpmOperationException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code noderr} CLI jar: {@code agent} runs one node, {@code sim} a fleet,
 * {@code sign} answers a release request with a signer's key, {@code chain} runs a local dev chain.
 */
@Command(
    name = "noderr",
    mixinStandardHelpOptions = true,
    subcommands = {AgentCommand.class, SimCommand.class, SignCommand.class, ChainCommand.class},
    description = "Noderr node agent, fleet simulator, release signer and dev chain.")
public final class AgentMain implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    // The agent jar may share a classpath with the platform (Spring Boot owns logback.xml there).
    System.setProperty("logback.configurationFile", "noderr-agent-logback.xml");
    System.exit(cli(new AgentMain()).execute(args));
  }

  /** The command line of {@code command} as users get it: one readable error line, exit code 1. */
  static CommandLine cli(Object command) {
    CommandLine cli = new CommandLine(command);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("error: " + oneLine(e));
          return 1;
        });
    return cli;
  }

  static String oneLine(Exception e) {
    if (e instanceof PlatformException
        || e instanceof SigningRefused
        || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException
        || e instanceof TpmOperationException
        || e instanceof UncheckedIOException) {
      return e.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
