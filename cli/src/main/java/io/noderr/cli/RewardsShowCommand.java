package io.noderr.cli;

import io.noderr.cli.rewards.RewardClient;
import io.noderr.cli.rewards.RewardEpochAnswer;
import io.noderr.cli.rewards.RewardEpochAnswer.NodeOutcome;
import io.noderr.cli.rewards.RewardEpochAnswer.Payout;
import io.noderr.cli.rewards.RewardEpochAnswer.Pool;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code rewards show}: an epoch (the newest by default) with where its pool came from, and the
 * payouts and node outcomes the caller may see with the sentence explaining each amount. An
 * operator's login sees its own payout and nodes only.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show an epoch, your payout and why, and your nodes' outcomes.")
class RewardsShowCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand RewardsCommand parent;

  @Mixin PlatformLogin login;

  @Option(names = "--epoch", paramLabel = "N", description = "The epoch (default: the newest).")
  Long epoch;

  @Override
  public Integer call() {
    login.validate(parent.terminal);
    RewardClient rewards = new RewardClient(login.platform(), login.authorization(parent.terminal));
    long number = epoch != null ? epoch : rewards.newestEpoch();
    RewardEpochAnswer shown = rewards.epoch(number);
    PrintWriter out = spec.commandLine().getOut();
    Pool pool = shown.pool();
    out.println(
        "Epoch "
            + shown.epoch()
            + " · "
            + shown.stage()
            + " · "
            + shown.startAt()
            + " – "
            + shown.endAt());
    if (pool.total() == null) {
      // An epoch still open (or gathering) has no inputs yet: say so instead of printing blanks.
      out.println("  pool          not gathered yet: the inputs are read when the epoch ends");
    } else {
      out.println(
          "  pool          "
              + Tokens.format(pool.total())
              + " = emission "
              + Tokens.format(pool.emission())
              + " + fees "
              + Tokens.format(pool.fees())
              + " + carried "
              + Tokens.format(pool.carried()));
    }
    if (pool.paid() != null) {
      out.println(
          "  paid          "
              + Tokens.format(pool.paid())
              + " to "
              + pool.recipients()
              + " recipients; remainder "
              + Tokens.format(pool.remainder())
              + " carried on");
      out.println("  formula       v" + shown.formulaVersion());
    }
    printIfPresent(out, "inputs", shown.inputsDigest());
    printIfPresent(out, "payouts", shown.payoutsDigest());
    printIfPresent(out, "root", shown.root());
    printIfPresent(out, "transaction", shown.transactionHash());
    if (shown.reason() != null) {
      out.println("  reason        " + shown.reason());
    }
    List<Payout> payouts = rewards.payouts(number);
    out.println(payouts.isEmpty() ? "No payout of yours in this epoch." : "Payouts:");
    payouts.forEach(
        p ->
            out.println(
                "  "
                    + p.address()
                    + "  "
                    + Tokens.format(p.amount())
                    + "  ("
                    + p.explanation()
                    + ")"));
    List<NodeOutcome> nodes = rewards.nodes(number);
    if (!nodes.isEmpty()) {
      out.println("Nodes:");
      nodes.forEach(n -> out.println("  " + line(n)));
    }
    return 0;
  }

  private static void printIfPresent(PrintWriter out, String label, Object value) {
    if (value != null) {
      out.printf("  %-13s %s%n", label, value);
    }
  }

  private static String line(NodeOutcome node) {
    return node.nodeId()
        + "  "
        + node.tier()
        + "  uptime "
        + percent(node.uptimeBp())
        + "  performance "
        + percent(node.performanceBp())
        + "  "
        + node.status()
        + "  score "
        + node.score()
        + (node.reason() == null || node.reason().isEmpty() ? "" : "  (" + node.reason() + ")");
  }

  private static String percent(int basisPoints) {
    return String.format("%d.%02d %%", basisPoints / 100, basisPoints % 100);
  }
}
