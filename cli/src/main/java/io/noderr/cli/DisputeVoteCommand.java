package io.noderr.cli;

import io.noderr.cli.dispute.DisputeAnswer;
import io.noderr.cli.dispute.DisputeClient;
import io.noderr.cli.dispute.DisputeInfo;
import io.noderr.cli.signer.SigningRefused;
import io.noderr.signing.Address;
import io.noderr.signing.DismissSlashAction;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.SlashAction;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import org.web3j.utils.Numeric;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dispute vote ID --slash|--dismiss}: a multisig signer decides. SLASH signs the round's
 * Slash action (the multisig executes with these signatures), built here from the dispute's fields
 * and refused unless its digest is the one the platform shows; DISMISS signs a DismissSlash of that
 * digest with the reason.
 */
@Command(
    name = "vote",
    mixinStandardHelpOptions = true,
    description = "Vote SLASH or DISMISS on a slashing dispute with your signer key.")
class DisputeVoteCommand extends DisputeSigningCommand {

  private static final Set<String> VOTING =
      Set.of("AWAITING_DECISION", "AWAITING_APPEAL_DECISION", "AWAITING_RESIGNATURES");

  @ArgGroup(exclusive = true, multiplicity = "1")
  Verdict verdict;

  static final class Verdict {
    @Option(names = "--slash", required = true, description = "Slash: sign the Slash action.")
    boolean slash;

    @Option(names = "--dismiss", required = true, description = "Dismiss, with --reason.")
    boolean dismiss;
  }

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why; required to dismiss.")
  String reason;

  private SlashAction action;
  private String signedReason;

  @Override
  String title() {
    return "Vote " + verdictName();
  }

  @Override
  byte[] review(DisputeInfo dispute, MultisigDomain domain, Address signer) {
    if (!VOTING.contains(dispute.stage())) {
      throw new SigningRefused(
          "dispute " + dispute.disputeId() + " is " + dispute.stage() + ", not taking votes");
    }
    if (!dispute.signers().contains(signer.value())) {
      throw new SigningRefused(
          signer.checksummed() + " is not in the multisig's signer set — not signing");
    }
    action =
        new SlashAction(
            Address.of(dispute.staking()),
            Address.of(dispute.operator()),
            new BigInteger(dispute.penalty()),
            new BigInteger(dispute.nonce()),
            dispute.roundDeadline());
    byte[] slashDigest = action.digest(domain);
    if (!Arrays.equals(slashDigest, Numeric.hexStringToByteArray(dispute.slashDigest()))) {
      throw new SigningRefused(
          "the platform's slash digest "
              + dispute.slashDigest()
              + " is not the digest of the Slash action it describes — not signing");
    }
    if (verdict.slash) {
      signedReason = reason == null ? null : text("the reason", reason);
      return slashDigest;
    }
    if (reason == null) {
      throw new SigningRefused("a DISMISS vote needs --reason");
    }
    signedReason = text("the reason", reason);
    return new DismissSlashAction(slashDigest, signedReason).digest(domain);
  }

  @Override
  void show(PrintWriter out) {
    line(out, "your vote", verdictName() + (signedReason == null ? "" : ": " + signedReason));
    line(out, "staking", action.staking().checksummed());
    line(out, "multisig nonce", action.nonce().toString());
    line(out, "round deadline", Instant.ofEpochSecond(action.deadline()).toString());
  }

  @Override
  DisputeAnswer submit(DisputeClient client, Address signer, String signature) {
    return client.vote(disputeId, signer, verdictName(), signedReason, signature);
  }

  private String verdictName() {
    return verdict.slash ? "SLASH" : "DISMISS";
  }
}
