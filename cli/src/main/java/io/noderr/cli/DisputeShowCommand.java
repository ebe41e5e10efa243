package io.noderr.cli;

import io.noderr.cli.dispute.DisputeClient;
import io.noderr.cli.dispute.DisputeInfo;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dispute show ID}: where a slashing dispute stands. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show a slashing dispute: its evidence, stage, penalty, votes and outcome.")
class DisputeShowCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand DisputeCommand parent;

  @Mixin PlatformLogin login;

  @Parameters(index = "0", paramLabel = "ID", description = "The dispute id.")
  String disputeId;

  @Override
  public Integer call() {
    login.validate(parent.terminal);
    DisputeInfo dispute =
        new DisputeClient(login.platform(), login.authorization(parent.terminal))
            .dispute(disputeId);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Dispute " + dispute.disputeId() + ":");
    line(out, "node", dispute.nodeId());
    line(out, "cause", dispute.cause());
    line(out, "evidence", dispute.evidence());
    line(out, "opened by", dispute.openedBy());
    line(out, "stage", dispute.stage());
    line(out, "operator", dispute.operator());
    if (dispute.penalty() != null) {
      line(
          out,
          "penalty",
          Tokens.format(dispute.penalty()) + " (" + dispute.penaltyBp() + " bp of the stake)");
    }
    if (dispute.answerDeadlineMillis() > 0) {
      line(out, "answer until", Instant.ofEpochMilli(dispute.answerDeadlineMillis()).toString());
    }
    line(out, "answer", dispute.answer());
    if (dispute.appealDeadlineMillis() > 0) {
      line(out, "appeal until", Instant.ofEpochMilli(dispute.appealDeadlineMillis()).toString());
    }
    line(out, "appeal", dispute.appeal());
    if (dispute.slashDigest() != null) {
      line(
          out,
          "votes",
          dispute.slashVotes().size()
              + " SLASH of "
              + dispute.needed()
              + " needed, "
              + dispute.dismissVotes().size()
              + " DISMISS, until "
              + Instant.ofEpochSecond(dispute.roundDeadline()));
    }
    line(out, "transaction", dispute.transactionHash());
    line(out, "reason", dispute.reason());
    out.flush();
    return 0;
  }

  private static void line(PrintWriter out, String label, String value) {
    if (value != null) {
      out.printf("  %-16s  %s%n", label, value);
    }
  }
}
