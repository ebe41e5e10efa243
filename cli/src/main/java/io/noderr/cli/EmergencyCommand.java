package io.noderr.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code emergency}: signers (and admins, to propose) at a terminal: the red button ({@code propose
 * --action PAUSE --sign-with KEY}), signing what others proposed, and where emergencies stand.
 */
@Command(
    name = "emergency",
    mixinStandardHelpOptions = true,
    subcommands = {
      EmergencyProposeCommand.class,
      EmergencySignCommand.class,
      EmergencyStatusCommand.class
    },
    description = {
      "Emergency multisig procedures: propose, sign, status.",
      "Exit codes: 0 done, 1 refused or failed, 2 usage."
    })
class EmergencyCommand implements Runnable {

  @Spec CommandSpec spec;

  /** Where the subcommands ask for passwords and confirmations. */
  final Terminal terminal;

  EmergencyCommand() {
    this(Terminal.system());
  }

  EmergencyCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
