package io.noderr.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rewards}: reward epochs as the platform computed them ({@code show}). */
@Command(
    name = "rewards",
    mixinStandardHelpOptions = true,
    subcommands = {RewardsShowCommand.class},
    description = {
      "Reward epochs: why you got what you got.",
      "Exit codes: 0 done, 1 refused or failed, 2 usage."
    })
class RewardsCommand implements Runnable {

  @Spec CommandSpec spec;

  /** Where the subcommands ask for passwords. */
  final Terminal terminal;

  RewardsCommand() {
    this(Terminal.system());
  }

  RewardsCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
