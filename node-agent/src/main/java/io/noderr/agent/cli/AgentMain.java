package io.noderr.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the agent jar, the one thing installed on a node: {@code agent} runs that node.
 * The people's tools (simulator, signer, dev chain) are the {@code cli} module's jar, so none of
 * their code ships to nodes.
 */
@Command(
    name = "noderr",
    mixinStandardHelpOptions = true,
    subcommands = {AgentCommand.class},
    description = "Noderr node agent.")
public final class AgentMain implements Runnable {

  /** Names the agent's logback file: the jar may share a classpath with the platform's. */
  public static final String LOGBACK_CONFIGURATION = "noderr-agent-logback.xml";

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    // Spring Boot owns logback.xml where the agent shares a classpath with the platform.
    System.setProperty("logback.configurationFile", LOGBACK_CONFIGURATION);
    System.exit(OneLineErrors.cli(new AgentMain()).execute(args));
  }
}
