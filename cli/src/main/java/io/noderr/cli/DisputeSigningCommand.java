package io.noderr.cli;

import io.noderr.cli.dispute.DisputeAnswer;
import io.noderr.cli.dispute.DisputeClient;
import io.noderr.cli.dispute.DisputeInfo;
import io.noderr.cli.signer.SignerKey;
import io.noderr.cli.signer.SigningRefused;
import io.noderr.signing.Address;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.Signatures;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What answering, appealing and voting share: the dispute is read from the platform, the domain
 * checked against the pins, what is signed built here from the dispute's fields and shown, and only
 * after the person confirms is the key unlocked and the signature handed in.
 */
abstract class DisputeSigningCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand DisputeCommand parent;

  @Mixin PlatformLogin login;

  @Mixin PinOptions pinOptions;

  @Mixin SigningKeyOptions key = new SigningKeyOptions();

  @Parameters(index = "0", paramLabel = "ID", description = "The dispute id.")
  String disputeId;

  @Override
  public Integer call() {
    login.validate(parent.terminal);
    SignerKey signer = key.read();
    DisputeClient client =
        new DisputeClient(login.platform(), login.authorization(parent.terminal));
    DisputeInfo dispute = client.dispute(disputeId);
    if (dispute.multisig() == null) {
      throw new SigningRefused(
          "dispute " + dispute.disputeId() + " is " + dispute.stage() + ": nothing to sign yet");
    }
    MultisigDomain domain = new MultisigDomain(dispute.chainId(), Address.of(dispute.multisig()));
    pinOptions.pins(spec.commandLine().getErr()).require(domain);
    byte[] digest = review(dispute, domain, signer.address());
    PrintWriter out = spec.commandLine().getOut();
    out.println(title() + " for dispute " + dispute.disputeId() + ":");
    line(out, "node", dispute.nodeId() + " (" + dispute.cause() + ")");
    line(out, "evidence", dispute.evidence());
    line(out, "operator", Address.of(dispute.operator()).checksummed());
    line(out, "penalty", Tokens.format(dispute.penalty()) + " (" + dispute.penaltyBp() + " bp)");
    show(out);
    line(out, "signing as", signer.address().checksummed());
    line(out, "chain id", Long.toString(domain.chainId()));
    line(out, "multisig", domain.verifyingContract().checksummed());
    line(out, "EIP-712 digest", Numeric.toHexString(digest));
    out.flush();
    if (!key.confirmed(parent.terminal, "Sign this? [y/N] ")) {
      out.println("nothing signed");
      return 1;
    }
    ECKeyPair pair = key.unlock(signer, parent.terminal);
    DisputeAnswer answer = submit(client, signer.address(), Signatures.sign(digest, pair));
    out.println(
        title()
            + " accepted: dispute "
            + answer.disputeId()
            + " is "
            + answer.stage()
            + " ("
            + answer.slashVotes()
            + " SLASH, "
            + answer.dismissVotes()
            + " DISMISS this round)");
    return 0;
  }

  /** What this command signs (e.g. "Answer"). */
  abstract String title();

  /**
   * Refuses what must not be signed (another operator's dispute, a closed window) and returns the
   * digest to sign.
   */
  abstract byte[] review(DisputeInfo dispute, MultisigDomain domain, Address signer);

  /** The lines of the summary particular to this command. */
  abstract void show(PrintWriter out);

  abstract DisputeAnswer submit(DisputeClient client, Address signer, String signature);

  static void line(PrintWriter out, String label, String value) {
    out.printf("  %-16s  %s%n", label, value);
  }

  /** The statement or reason, as the workflow reads it (stripped), refused when over 2,000. */
  static String text(String what, String value) {
    String stripped = value.strip();
    if (stripped.isEmpty() || stripped.length() > 2_000) {
      throw new SigningRefused(what + " must be 1 to 2000 characters");
    }
    return stripped;
  }
}
