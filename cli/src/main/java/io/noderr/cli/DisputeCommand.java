package io.noderr.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code dispute}: slashing disputes at a terminal. The operator answers and appeals, a signer
 * votes, each with the key on their own machine; anyone with access shows where one stands.
 */
@Command(
    name = "dispute",
    mixinStandardHelpOptions = true,
    subcommands = {
      DisputeShowCommand.class,
      DisputeAnswerCommand.class,
      DisputeAppealCommand.class,
      DisputeVoteCommand.class
    },
    description = {
      "Slashing disputes: show, answer, appeal, vote.",
      "Exit codes: 0 done, 1 refused or failed, 2 usage."
    })
class DisputeCommand implements Runnable {

  @Spec CommandSpec spec;

  /** Where the subcommands ask for passwords and confirmations. */
  final Terminal terminal;

  DisputeCommand() {
    this(Terminal.system());
  }

  DisputeCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
