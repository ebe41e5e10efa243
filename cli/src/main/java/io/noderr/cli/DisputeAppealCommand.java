package io.noderr.cli;

import picocli.CommandLine.Command;

/** {@code dispute appeal ID --statement TEXT}: the operator's one appeal of a decision to slash. */
@Command(
    name = "appeal",
    mixinStandardHelpOptions = true,
    description =
        "Appeal a decision to slash your stake (once), signed with your operator key; every"
            + " signer must then uphold it.")
class DisputeAppealCommand extends DisputeStatementCommand {

  @Override
  String kind() {
    return "APPEAL";
  }

  @Override
  String takenIn() {
    return "APPEAL_WINDOW";
  }
}
