package io.noderr.cli;

import io.noderr.cli.dispute.DisputeAnswer;
import io.noderr.cli.dispute.DisputeClient;
import io.noderr.cli.dispute.DisputeInfo;
import io.noderr.cli.signer.SigningRefused;
import io.noderr.signing.Address;
import io.noderr.signing.DisputeStatement;
import io.noderr.signing.MultisigDomain;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The operator's answer or appeal: a {@code DisputeStatement} signed with the key its stake is held
 * by, while the dispute takes one.
 */
abstract class DisputeStatementCommand extends DisputeSigningCommand {

  @Option(
      names = "--statement",
      required = true,
      paramLabel = "TEXT",
      description = "What you say, at most 2000 characters; it is signed as written (stripped).")
  String statement;

  private String signed;

  /** ANSWER or APPEAL. */
  abstract String kind();

  /** The stage in which the dispute takes this statement. */
  abstract String takenIn();

  @Override
  String title() {
    return kind().charAt(0) + kind().substring(1).toLowerCase(Locale.ROOT);
  }

  @Override
  byte[] review(DisputeInfo dispute, MultisigDomain domain, Address signer) {
    if (!signer.equals(Address.of(dispute.operator()))) {
      throw new SigningRefused(
          "dispute "
              + dispute.disputeId()
              + " is against operator "
              + Address.of(dispute.operator()).checksummed()
              + ", not your key "
              + signer.checksummed()
              + " — not signing");
    }
    if (!takenIn().equals(dispute.stage())) {
      throw new SigningRefused(
          "dispute "
              + dispute.disputeId()
              + " is "
              + dispute.stage()
              + ": it takes no "
              + kind().toLowerCase(Locale.ROOT)
              + " now — not signing");
    }
    signed = text("the statement", statement);
    return new DisputeStatement(dispute.disputeId(), kind(), signed).digest(domain);
  }

  @Override
  void show(PrintWriter out) {
    line(out, "statement", kind() + ": " + signed);
  }

  @Override
  DisputeAnswer submit(DisputeClient client, Address signer, String signature) {
    return client.statement(disputeId, kind().toLowerCase(Locale.ROOT), signed, signature);
  }
}
