package io.noderr.cli;

import io.noderr.agent.cli.AgentMain;
import io.noderr.agent.cli.OneLineErrors;
import io.noderr.cli.signer.SigningRefused;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the people's CLI jar: {@code sim} runs a simulated fleet, {@code sign} answers a
 * release request with a signer's key, {@code emergency} proposes, signs and follows emergencies,
 * {@code vote} and {@code propose} take part in governance with an operator's key, {@code dispute}
 * answers, appeals and votes on slashing disputes, {@code claim} claims rewards with an operator's
 * key and {@code rewards show} explains them, {@code chain} runs a local dev chain. Nodes run the
 * agent jar instead, which carries none of this.
 */
@Command(
    name = "noderr",
    mixinStandardHelpOptions = true,
    subcommands = {
      SimCommand.class,
      SignCommand.class,
      EmergencyCommand.class,
      VoteCommand.class,
      ProposeCommand.class,
      StakeCommand.class,
      ClaimCommand.class,
      RewardsCommand.class,
      DisputeCommand.class,
      ChainCommand.class
    },
    description =
        "Noderr tools for people: fleet simulator, release signer, emergencies, governance votes,"
            + " proposals and stake, dev chain.")
public final class NoderrCli implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    // The simulator logs like the agents it simulates (and Spring Boot owns logback.xml).
    System.setProperty("logback.configurationFile", AgentMain.LOGBACK_CONFIGURATION);
    System.exit(cli(new NoderrCli()).execute(args));
  }

  /** The command line of {@code command} as users get it: one readable error line, exit code 1. */
  static CommandLine cli(Object command) {
    return OneLineErrors.cli(command, SigningRefused.class);
  }
}
