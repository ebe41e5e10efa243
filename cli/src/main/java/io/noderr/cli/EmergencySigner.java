package io.noderr.cli;

import io.noderr.cli.emergency.Emergency;
import io.noderr.cli.emergency.EmergencyClient;
import io.noderr.cli.emergency.EmergencyReview;
import io.noderr.cli.emergency.ReviewedEmergency;
import io.noderr.cli.emergency.StageWords;
import io.noderr.cli.signer.KeyFile;
import io.noderr.cli.signer.Pins;
import io.noderr.cli.signer.SignerKey;
import io.noderr.signing.Signatures;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

/**
 * Signs an emergency's current request from a key file: reviews it ({@link EmergencyReview}), shows
 * it, asks unless told not to, unlocks the key, submits the signature and follows the emergency
 * until it has acted, so the signer sees the stage it ends in. Used by {@code sign} and by {@code
 * propose --sign-with}.
 */
final class EmergencySigner {

  /** Stages the platform passes through on its own after a signature, within seconds. */
  private static final Set<String> MOVING = Set.of("PREPARING", "ACTING", "RATIFYING", "REVERTING");

  private static final Duration FOLLOW_FOR = Duration.ofSeconds(30);
  private static final Duration POLL_EVERY = Duration.ofMillis(250);

  private final EmergencyClient client;
  private final Terminal terminal;
  private final PrintWriter out;

  EmergencySigner(EmergencyClient client, Terminal terminal, PrintWriter out) {
    this.client = client;
    this.terminal = terminal;
    this.out = out;
  }

  /**
   * @return the exit code: 0 signed, 1 when the signer said no
   * @throws io.noderr.cli.signer.SigningRefused when the review refuses the request
   */
  int sign(Emergency emergency, Path keyFile, Pins pins, boolean yes) {
    SignerKey key = KeyFile.read(keyFile);
    ReviewedEmergency reviewed =
        EmergencyReview.review(emergency, key.address(), pins, Instant.now());
    show(emergency, reviewed, key);
    if (!yes && !terminal.confirm("Sign this request? [y/N] ")) {
      out.println("nothing signed");
      return 1;
    }
    ECKeyPair pair =
        key.unlock(
            () ->
                terminal.secret(
                    SigningKeyOptions.KEYSTORE_PASSWORD_ENV, "Password of " + keyFile + ": "));
    Emergency answer =
        client.sign(emergency.id(), key.address(), Signatures.sign(reviewed.digest(), pair));
    out.println(
        "signature accepted: " + StageWords.afterSignature(answer, reviewed, Instant.now()));
    if (MOVING.contains(answer.stage())) {
      out.println(emergency.id() + " is now " + StageWords.now(follow(answer)));
    }
    return 0;
  }

  private void show(Emergency emergency, ReviewedEmergency reviewed, SignerKey key) {
    var request = emergency.request();
    out.println(
        "Emergency "
            + emergency.id()
            + ": "
            + emergency.action()
            + ", "
            + StageWords.of(emergency.stage())
            + "; this "
            + request.kind()
            + " request needs "
            + request.required()
            + " signature(s)");
    out.println("The platform describes it as:");
    request.summary().forEach(line -> out.println("  " + line));
    out.println("What your signature approves (checked against the digest):");
    reviewed.signed().forEach(line -> out.println("  " + line));
    out.println("  EIP-712 digest    " + Numeric.toHexString(reviewed.digest()));
    out.println("  signing as        " + key.address().checksummed());
    out.flush();
  }

  /** The emergency once it stopped moving by itself, or as it is after {@link #FOLLOW_FOR}. */
  private Emergency follow(Emergency answer) {
    Instant giveUp = Instant.now().plus(FOLLOW_FOR);
    Emergency current = answer;
    while (MOVING.contains(current.stage()) && Instant.now().isBefore(giveUp)) {
      try {
        Thread.sleep(POLL_EVERY);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      current = client.get(answer.id());
    }
    return current;
  }
}
