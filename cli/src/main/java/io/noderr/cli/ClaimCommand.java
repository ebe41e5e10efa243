package io.noderr.cli;

import io.noderr.agent.cli.AddressConverter;
import io.noderr.cli.rewards.ClaimPlan;
import io.noderr.cli.rewards.ClaimableRewards;
import io.noderr.cli.rewards.ClaimableRewards.ClaimableReward;
import io.noderr.cli.rewards.DistributorAccount;
import io.noderr.cli.rewards.RewardClient;
import io.noderr.cli.signer.SignerKey;
import io.noderr.cli.signer.SigningRefused;
import io.noderr.signing.Address;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code claim}: an operator claims its rewards with its own key through its own RPC endpoint. The
 * platform only lists the payouts with their proofs; each is checked against the root the
 * distributor holds on chain before anything is sent, and epochs the chain would refuse are skipped
 * with why.
 */
@Command(
    name = "claim",
    mixinStandardHelpOptions = true,
    description = {
      "Claim your rewards from the RewardDistributor, with your keystore, through your own RPC"
          + " endpoint (each proof checked against the root on chain first).",
      "Exit codes: 0 claimed or nothing to claim, 1 refused or failed, 2 usage."
    })
class ClaimCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin PlatformLogin login;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Claimant claimant;

  static final class Claimant {
    @Option(
        names = "--keystore",
        required = true,
        paramLabel = "FILE",
        description =
            "Your key (keystore JSON or hex private key file); claims are sent from it. Its"
                + " password comes from "
                + SigningKeyOptions.KEYSTORE_PASSWORD_ENV
                + " or is asked for.")
    Path keystore;

    @Option(
        names = "--address",
        required = true,
        converter = AddressConverter.class,
        paramLabel = "0x...",
        description = "Only show what this address may claim; nothing is sent without a key.")
    Address address;
  }

  @Option(names = "--epoch", paramLabel = "N", description = "Claim this epoch only.")
  Long epoch;

  @Option(
      names = "--rpc",
      required = true,
      paramLabel = "URL",
      description =
          "Your JSON-RPC endpoint of the distributor's chain (it may carry an API key; never"
              + " printed).")
  URI rpc;

  @Option(names = "--dry-run", description = "Show what would be claimed; send nothing.")
  boolean dryRun;

  @Option(names = "--yes", description = "Do not ask for confirmation (scripts).")
  boolean yes;

  private final Terminal terminal;

  ClaimCommand() {
    this(Terminal.system());
  }

  ClaimCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    if (rpc.getScheme() == null || !rpc.getScheme().matches("https?")) {
      // Not echoed: the URL may carry an API key.
      throw new ParameterException(spec.commandLine(), "--rpc must be an http(s) URL");
    }
    login.validate(terminal);
    PrintWriter out = spec.commandLine().getOut();
    SigningKeyOptions key = keyOptions();
    SignerKey signer = key == null ? null : key.read();
    Address account = signer == null ? claimant.address : signer.address();
    ClaimableRewards rewards =
        new RewardClient(login.platform(), login.authorization(terminal)).claims(account);
    if (rewards.distributor() == null) {
      throw new SigningRefused("the platform names no reward distributor: its economics are off");
    }
    List<ClaimableReward> rows = rowsAsked(rewards, account);
    if (rows.isEmpty()) {
      out.println("nothing to claim: the platform lists no payout to " + account.checksummed());
      return 0;
    }
    Address distributor = Address.of(rewards.distributor());
    try (DistributorAccount chain =
        new DistributorAccount(rpc, rewards.chainId(), distributor, account)) {
      ClaimPlan plan = new ClaimPlan(account, rows, chain::epoch, chain.chainTime());
      out.println(
          "Rewards of " + account.checksummed() + " from distributor " + distributor.checksummed());
      plan.skipped().forEach(why -> out.println("  skipped " + why));
      plan.claims().forEach(c -> out.println("  claimable epoch " + c.epoch() + ": " + nodr(c)));
      if (plan.claims().isEmpty()) {
        out.println("nothing to claim");
        return 0;
      }
      if (dryRun || signer == null) {
        out.println(
            "would claim "
                + Tokens.format(plan.total().toString())
                + " in "
                + plan.claims().size()
                + " transaction(s); nothing sent"
                + (signer == null ? " (give --keystore to claim)" : ""));
        return 0;
      }
      out.flush();
      if (!key.confirmed(
          terminal, "Send " + plan.claims().size() + " claim transaction(s)? [y/N] ")) {
        out.println("nothing sent");
        return 1;
      }
      ECKeyPair pair = key.unlock(signer, terminal);
      for (ClaimPlan.Claim claim : plan.claims()) {
        TransactionReceipt receipt =
            chain.claim(pair, claim.epoch(), claim.amount(), claim.proof());
        out.println(
            "epoch "
                + claim.epoch()
                + ": claimed "
                + nodr(claim)
                + " in transaction "
                + receipt.getTransactionHash());
        out.flush();
      }
      out.println("total claimed " + Tokens.format(plan.total().toString()));
      return 0;
    }
  }

  /** The keystore as the signing commands take it; null when only an address was given. */
  private SigningKeyOptions keyOptions() {
    if (claimant.keystore == null) {
      return null;
    }
    SigningKeyOptions key = new SigningKeyOptions();
    key.keystore = claimant.keystore;
    key.yes = yes;
    return key;
  }

  private List<ClaimableReward> rowsAsked(ClaimableRewards rewards, Address account) {
    if (epoch == null) {
      return rewards.claims();
    }
    List<ClaimableReward> rows =
        rewards.claims().stream().filter(row -> row.epoch() == epoch).toList();
    if (rows.isEmpty()) {
      throw new SigningRefused(
          "epoch " + epoch + " pays nothing to " + account.checksummed() + " on this platform");
    }
    return rows;
  }

  private static String nodr(ClaimPlan.Claim claim) {
    return Tokens.format(claim.amount().toString());
  }
}
