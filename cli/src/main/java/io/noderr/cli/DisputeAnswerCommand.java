package io.noderr.cli;

import picocli.CommandLine.Command;

/** {@code dispute answer ID --statement TEXT}: the operator's answer in the challenge window. */
@Command(
    name = "answer",
    mixinStandardHelpOptions = true,
    description = "Answer a slashing dispute against your node, signed with your operator key.")
class DisputeAnswerCommand extends DisputeStatementCommand {

  @Override
  String kind() {
    return "ANSWER";
  }

  @Override
  String takenIn() {
    return "AWAITING_ANSWER";
  }
}
