package io.noderr.cli;

import io.noderr.cli.signer.PendingRelease;
import io.noderr.cli.signer.ReleaseReview;
import io.noderr.cli.signer.ReviewedRelease;
import io.noderr.cli.signer.SignatureAnswer;
import io.noderr.cli.signer.SignerClient;
import io.noderr.cli.signer.SignerKey;
import io.noderr.signing.Address;
import io.noderr.signing.DeclineAction;
import io.noderr.signing.Signatures;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sign}: a signer answers a release request with the key on their own machine. The request
 * is reviewed here (digest rebuilt from its fields, pins, signer set, deadline) and shown in words
 * before the keystore is unlocked; the platform only ever receives the signature.
 */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Review a release request and sign it (or decline it) with your keystore.",
      "The EIP-712 digest is computed here from the request's fields, never taken from the"
          + " platform.",
      "Exit codes: 0 done, 1 refused or failed, 2 usage (e.g. several requests and no --release)."
    })
class SignCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin PlatformLogin login;

  @Mixin PinOptions pinOptions;

  @Option(
      names = "--release",
      paramLabel = "ID",
      description = "The request to answer (default: the only one awaiting signatures).")
  String releaseId;

  @Mixin SigningKeyOptions key = new SigningKeyOptions();

  @Option(
      names = "--decline",
      paramLabel = "REASON",
      description = "Decline the release with this reason instead of signing it.")
  String declineReason;

  private final Terminal terminal;

  SignCommand() {
    this(Terminal.system());
  }

  SignCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    SignerKey signer = key.read();
    SignerClient client = new SignerClient(login.platform(), login.authorization(terminal));
    String id = releaseId;
    if (id == null) {
      List<PendingRelease> pending = client.pending();
      if (pending.size() != 1) {
        return listPending(pending, out);
      }
      id = pending.get(0).id();
    }
    ReviewedRelease release =
        ReleaseReview.review(
            client.release(id),
            signer.address(),
            pinOptions.pins(spec.commandLine().getErr()),
            Instant.now());
    show(release, signer.address(), out);
    String verb = declineReason == null ? "Sign" : "Decline";
    if (!key.confirmed(terminal, verb + " this release? [y/N] ")) {
      out.println("nothing " + (declineReason == null ? "signed" : "declined"));
      return 1;
    }
    ECKeyPair pair = key.unlock(signer, terminal);
    if (declineReason == null) {
      SignatureAnswer answer =
          client.sign(id, signer.address(), Signatures.sign(release.digest(), pair));
      out.println("signature accepted: " + progress(answer));
    } else {
      String signature = Signatures.sign(release.declineDigest(declineReason), pair);
      SignatureAnswer answer = client.decline(id, signer.address(), declineReason, signature);
      out.println("decline recorded: " + progress(answer));
    }
    return 0;
  }

  private void validate() {
    login.validate(terminal);
    if (releaseId != null && !releaseId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
      throw usage("--release must be a release id such as release-ORACLE-1.4.2");
    }
    if (declineReason != null
        && (declineReason.isBlank() || declineReason.length() > DeclineAction.MAX_REASON)) {
      throw usage("--decline needs a reason of 1 to " + DeclineAction.MAX_REASON + " characters");
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** No request (nothing to do) or several (the signer must choose): exit 0 or 2. */
  private int listPending(List<PendingRelease> pending, PrintWriter out) {
    if (pending.isEmpty()) {
      out.println("no release is awaiting signatures");
      return 0;
    }
    out.println(pending.size() + " releases are awaiting signatures:");
    for (PendingRelease r : pending) {
      out.printf(
          "  %s  %s %s  %s  %d of %d signatures, until %s%n",
          r.id(),
          r.tier(),
          r.version(),
          r.imageDigest(),
          r.signatures(),
          r.threshold(),
          r.deadline());
    }
    spec.commandLine().getErr().println("choose one with --release ID");
    return 2;
  }

  private void show(ReviewedRelease release, Address signer, PrintWriter out) {
    out.println("Release request " + release.id() + ":");
    for (String line : release.summary()) {
      out.println("  " + line);
    }
    out.println("  EIP-712 digest    " + Numeric.toHexString(release.digest()));
    out.println("  signing as        " + signer.checksummed());
    if (declineReason != null) {
      out.println("  DECLINE, reason   " + declineReason);
    }
    out.flush();
  }

  private static String progress(SignatureAnswer answer) {
    String status =
        switch (String.valueOf(answer.stage())) {
          case "AWAITING_SIGNATURES" -> "waiting for more signatures";
          case "PUBLISHING" -> "publishing";
          default -> String.valueOf(answer.stage()).toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    return answer.signatures() + " of " + answer.threshold() + " — " + status;
  }
}
