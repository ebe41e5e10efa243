package io.noderr.cli.emergency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.noderr.cli.signer.Pins;
import io.noderr.cli.signer.SigningRefused;
import io.noderr.signing.Address;
import io.noderr.signing.CancelQueuedAction;
import io.noderr.signing.ChangeSignersAction;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.EmergencyApproval;
import io.noderr.signing.GuardianPauseAction;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PauseTiersAction;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

/**
 * The digest re-check: each signed record rebuilt from the typed data the platform shows, and every
 * way a platform could make a signer sign something other than what they read is refused.
 */
class EmergencyReviewTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Address MULTISIG = Address.of("0x" + "5a".repeat(20));
  private static final MultisigDomain DOMAIN = new MultisigDomain(1337, MULTISIG);
  private static final Address GUARDIAN = DemoSigners.addresses().get(0);
  private static final Instant NOW = Instant.parse("2026-12-02T22:00:00Z");
  private static final long DEADLINE = NOW.plusSeconds(3600).getEpochSecond();
  private static final Pins NO_PINS = new Pins(null, null);

  @Test
  void guardianPause_isRebuiltFromItsTypedData_andShownInWords() {
    GuardianPauseAction pause = new GuardianPauseAction(2, BigInteger.valueOf(4), DEADLINE);

    ReviewedEmergency reviewed =
        review(emergency("GuardianPause", pause.typedData(DOMAIN), pause.digest(DOMAIN)));

    assertThat(reviewed.digest()).isEqualTo(pause.digest(DOMAIN));
    assertThat(reviewed.signed())
        .contains(
            "signs             GuardianPause (EIP-712 typed data)",
            "  tiers           ORACLE (mask 2)",
            "  nonce           4",
            "  deadline        2026-12-02T23:00:00Z (unix " + DEADLINE + ")",
            "chain id          1337",
            "multisig contract " + MULTISIG.checksummed());
  }

  @Test
  void pauseTiers_changeSigners_andEmergencyApprovals_areRebuiltToo() {
    PauseTiersAction ratify = new PauseTiersAction(6, true, BigInteger.valueOf(5), DEADLINE);
    ChangeSignersAction rotate =
        new ChangeSignersAction(DemoSigners.addresses(), 2, BigInteger.valueOf(6), DEADLINE);
    EmergencyApproval approval =
        new EmergencyApproval("emergency-7", "QUARANTINE", "nodes=node-1", "leaks keys", DEADLINE);

    assertThat(
            review(emergency("PauseTiers", ratify.typedData(DOMAIN), ratify.digest(DOMAIN)))
                .signed())
        .contains("  tiers           ORACLE, GUARDIAN (mask 6)", "  paused          true (pause)");
    assertThat(
            review(emergency("ChangeSigners", rotate.typedData(DOMAIN), rotate.digest(DOMAIN)))
                .signed())
        .anyMatch(line -> line.contains(DemoSigners.addresses().get(2).checksummed()));
    assertThat(
            review(emergency("Emergency", approval.typedData(DOMAIN), approval.digest(DOMAIN)))
                .signed())
        .contains("  scope           nodes=node-1", "  emergency       emergency-7");
  }

  @Test
  void aVeto_isRebuiltFromItsCancelQueuedTypedData() {
    CancelQueuedAction veto =
        new CancelQueuedAction(
            Address.of("0x" + "7e".repeat(20)), new byte[32], BigInteger.valueOf(9), DEADLINE);

    ReviewedEmergency reviewed =
        review(emergency("CancelQueued", veto.typedData(DOMAIN), veto.digest(DOMAIN)));

    assertThat(reviewed.digest()).isEqualTo(veto.digest(DOMAIN));
    assertThat(reviewed.signed())
        .contains("signs             CancelQueued (EIP-712 typed data)", "  nonce           9")
        .anyMatch(line -> line.contains("0x" + "00".repeat(32)));
  }

  @Test
  void refuses_aDigestThatIsNotTheTypedDatas() {
    GuardianPauseAction shown = new GuardianPauseAction(2, BigInteger.valueOf(4), DEADLINE);
    GuardianPauseAction signed = new GuardianPauseAction(7, BigInteger.valueOf(4), DEADLINE);

    assertRefused(
        emergency("GuardianPause", shown.typedData(DOMAIN), signed.digest(DOMAIN)),
        "the platform's digest is not the EIP-712 digest of the typed data it shows — not signing");
  }

  @Test
  void refuses_typedDataWithFieldsTheSignatureWouldNotCover() {
    GuardianPauseAction pause = new GuardianPauseAction(2, BigInteger.valueOf(4), DEADLINE);
    ObjectNode typed = JSON.valueToTree(pause.typedData(DOMAIN));
    ((ObjectNode) typed.path("message")).put("note", "only ORACLE, honest");

    assertRefused(
        emergency("GuardianPause", typed, pause.digest(DOMAIN)),
        "the typed data shown is not exactly what the signature covers — not signing");
  }

  @Test
  void refuses_aPrimaryTypeOtherThanAnnounced_orUnknown_orMalformed() {
    PauseTiersAction unpause = new PauseTiersAction(2, false, BigInteger.valueOf(4), DEADLINE);
    Emergency announcedAsGuardianPause =
        new Emergency(
            "emergency-1",
            "PAUSE",
            "AWAITING_SIGNATURES",
            "tiers=ORACLE",
            "x",
            "admin",
            null,
            null,
            List.of(),
            new EmergencyRequest(
                "ACT",
                "GuardianPause",
                hex(unpause.digest(DOMAIN)),
                JSON.valueToTree(unpause.typedData(DOMAIN)),
                List.of(GUARDIAN.value()),
                1,
                List.of()),
            List.of(),
            null,
            List.of());
    assertRefused(
        announcedAsGuardianPause,
        "the request says it is a GuardianPause but its typed data is a PauseTiers");

    ObjectNode unknown = JSON.valueToTree(unpause.typedData(DOMAIN));
    unknown.put("primaryType", "Transfer");
    assertRefused(
        emergency("Transfer", unknown, unpause.digest(DOMAIN)), "unknown request type Transfer");

    ObjectNode noNonce = JSON.valueToTree(unpause.typedData(DOMAIN));
    ((ObjectNode) noNonce.path("message")).remove("nonce");
    assertRefused(
        emergency("PauseTiers", noNonce, unpause.digest(DOMAIN)), "malformed: nonce is missing");
  }

  @Test
  void refuses_anotherMultisigThanPinned_anIneligibleKey_anExpiredRequest_andNothingToSign() {
    GuardianPauseAction pause = new GuardianPauseAction(2, BigInteger.valueOf(4), DEADLINE);
    Emergency e = emergency("GuardianPause", pause.typedData(DOMAIN), pause.digest(DOMAIN));

    assertThatThrownBy(
            () ->
                EmergencyReview.review(
                    e, GUARDIAN, new Pins(Address.of("0x" + "77".repeat(20)), null), NOW))
        .hasMessageContaining("the request names multisig " + MULTISIG.checksummed());
    Address other = DemoSigners.addresses().get(1);
    assertThatThrownBy(() -> EmergencyReview.review(e, other, NO_PINS, NOW))
        .hasMessage(
            other.checksummed()
                + " may not sign this request: it counts only signatures of "
                + GUARDIAN.value());
    assertThatThrownBy(() -> EmergencyReview.review(e, GUARDIAN, NO_PINS, NOW.plusSeconds(7200)))
        .hasMessageContaining("emergency-1's request expired at 2026-12-02T23:00:00Z");
    Emergency done =
        new Emergency(
            "emergency-1",
            "PAUSE",
            "DONE",
            "tiers=ORACLE",
            "x",
            "admin",
            null,
            null,
            List.of(),
            null,
            List.of(),
            null,
            List.of());
    assertThatThrownBy(() -> EmergencyReview.review(done, GUARDIAN, NO_PINS, NOW))
        .isInstanceOf(SigningRefused.class)
        .hasMessage("emergency-1 is done: nothing to sign");
  }

  private static ReviewedEmergency review(Emergency emergency) {
    return EmergencyReview.review(emergency, GUARDIAN, NO_PINS, NOW);
  }

  private static void assertRefused(Emergency emergency, String message) {
    assertThatThrownBy(() -> review(emergency))
        .isInstanceOf(SigningRefused.class)
        .hasMessageContaining(message);
  }

  private static Emergency emergency(String primaryType, Object typedData, byte[] digest) {
    return new Emergency(
        "emergency-1",
        "PAUSE",
        "AWAITING_SIGNATURES",
        "tiers=ORACLE",
        "oracle feed poisoned",
        "admin",
        null,
        null,
        List.of(),
        new EmergencyRequest(
            "ACT",
            primaryType,
            hex(digest),
            JSON.valueToTree(typedData),
            DemoSigners.addresses().stream()
                .map(Address::value)
                .toList()
                .subList(0, primaryType.equals("GuardianPause") ? 1 : 3),
            1,
            List.of("whatever the platform says")),
        List.of(),
        null,
        List.of());
  }

  private static String hex(byte[] digest) {
    return Numeric.toHexString(digest);
  }
}
