package io.noderr.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.StructuredDataEncoder;

/**
 * The emergency actions' digests equal what a standard EIP-712 encoder computes from their typed
 * data JSON (MultisigBeaconIT checks them against the contract's own digest views).
 */
class EmergencyActionsTest {

  private static final MultisigDomain DOMAIN = PublishActionTest.DOMAIN;
  private static final BigInteger NONCE = BigInteger.valueOf(7);
  private static final long DEADLINE = 1_900_000_000L;
  private static final List<Address> SIGNERS = DemoSigners.addresses();

  @Test
  void guardianPause_digestEqualsTheStandardEncoding() throws Exception {
    GuardianPauseAction action = new GuardianPauseAction(0b101, NONCE, DEADLINE);
    assertThat(action.digest(DOMAIN)).isEqualTo(standard(action.typedData(DOMAIN)));
    assertThat(new GuardianPauseAction(0b100, NONCE, DEADLINE).digest(DOMAIN))
        .isNotEqualTo(action.digest(DOMAIN));
  }

  @Test
  void pauseTiers_digestEqualsTheStandardEncoding() throws Exception {
    PauseTiersAction pause = new PauseTiersAction(0b010, true, NONCE, DEADLINE);
    PauseTiersAction unpause = new PauseTiersAction(0b010, false, NONCE, DEADLINE);
    assertThat(pause.digest(DOMAIN)).isEqualTo(standard(pause.typedData(DOMAIN)));
    assertThat(unpause.digest(DOMAIN)).isEqualTo(standard(unpause.typedData(DOMAIN)));
    assertThat(pause.digest(DOMAIN)).isNotEqualTo(unpause.digest(DOMAIN));
  }

  @Test
  void changeSigners_digestEqualsTheStandardEncoding_andTheOrderIsSigned() throws Exception {
    ChangeSignersAction action = new ChangeSignersAction(SIGNERS, 2, NONCE, DEADLINE);
    assertThat(action.digest(DOMAIN)).isEqualTo(standard(action.typedData(DOMAIN)));
    assertThat(new ChangeSignersAction(SIGNERS.reversed(), 2, NONCE, DEADLINE).digest(DOMAIN))
        .isNotEqualTo(action.digest(DOMAIN));
  }

  @Test
  void changeGuardians_digestEqualsTheStandardEncoding_alsoForNoGuardians() throws Exception {
    ChangeGuardiansAction action =
        new ChangeGuardiansAction(SIGNERS.subList(0, 2), NONCE, DEADLINE);
    ChangeGuardiansAction none = new ChangeGuardiansAction(List.of(), NONCE, DEADLINE);
    assertThat(action.digest(DOMAIN)).isEqualTo(standard(action.typedData(DOMAIN)));
    assertThat(none.digest(DOMAIN)).isEqualTo(standard(none.typedData(DOMAIN)));
  }

  @Test
  void refusesBadTiers_thresholds_andAddressLists() {
    assertThatThrownBy(() -> new GuardianPauseAction(0, NONCE, DEADLINE))
        .hasMessageContaining("non-empty mask");
    assertThatThrownBy(() -> new PauseTiersAction(0b1000, true, NONCE, DEADLINE))
        .hasMessageContaining("was 8");
    assertThatThrownBy(() -> new ChangeSignersAction(SIGNERS, 4, NONCE, DEADLINE))
        .hasMessageContaining("threshold must be between 1 and the number of signers (3)");
    assertThatThrownBy(
            () ->
                new ChangeSignersAction(
                    List.of(SIGNERS.get(0), SIGNERS.get(0)), 1, NONCE, DEADLINE))
        .hasMessageContaining("must not repeat");
    assertThatThrownBy(
            () ->
                new ChangeGuardiansAction(
                    List.of(Address.of("0x" + "0".repeat(40))), NONCE, DEADLINE))
        .hasMessageContaining("zero address");
    assertThatThrownBy(() -> new GuardianPauseAction(1, BigInteger.ONE.negate(), DEADLINE))
        .hasMessageContaining("nonce");
  }

  @Test
  void tierMask_convertsCodesAndNames() {
    assertThat(TierMask.of(List.of(0, 2))).isEqualTo(0b101);
    assertThat(TierMask.codes(0b110)).containsExactly(1, 2);
    assertThat(TierMask.names(TierMask.EVERY_TIER)).isEqualTo("ALL, ORACLE, GUARDIAN");
    assertThatThrownBy(() -> TierMask.of(List.of(3))).hasMessage("unknown tier code 3");
  }

  @Test
  void summaries_sayWhatIsSigned() {
    assertThat(
            new GuardianPauseAction(0b010, NONCE, DEADLINE).summary(DOMAIN, Duration.ofHours(24)))
        .first()
        .isEqualTo("GUARDIAN PAUSE of tier(s) ORACLE (mask 2)");
    assertThat(
            new GuardianPauseAction(0b010, NONCE, DEADLINE).summary(DOMAIN, Duration.ofHours(24)))
        .anyMatch(line -> line.contains("PT24H unless the signers' quorum ratifies"))
        .anyMatch(line -> line.contains("multisig nonce    7"));
    assertThat(new PauseTiersAction(0b001, false, NONCE, DEADLINE).summary(DOMAIN).getFirst())
        .startsWith("UNPAUSE tier(s) ALL");
    assertThat(new ChangeSignersAction(SIGNERS, 2, NONCE, DEADLINE).summary(DOMAIN))
        .contains("  signer          " + SIGNERS.get(1).checksummed());
  }

  private static byte[] standard(Map<String, Object> typedData) throws Exception {
    return new StructuredDataEncoder(new ObjectMapper().writeValueAsString(typedData))
        .hashStructuredData();
  }
}
