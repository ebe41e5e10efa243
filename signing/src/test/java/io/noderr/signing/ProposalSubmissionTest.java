package io.noderr.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/**
 * A signed proposal's digest equals what a standard EIP-712 encoder computes from its typed data
 * JSON (ProposeBySigIT checks it against the governor's {@code proposeBySigDigest}), binds every
 * field, and only the proposer's low-s signature verifies.
 */
class ProposalSubmissionTest {

  private static final GovernorDomain DOMAIN =
      new GovernorDomain(1337, Address.of("0x" + "22".repeat(20)));
  private static final Address PARAMETERS = Address.of("0x" + "33".repeat(20));
  private static final Address PROPOSER = DemoSigners.addresses().get(0);
  private static final String CANARY_10 =
      new SetParameterCall("rollout.canaryPercent", BigInteger.TEN).encode();

  @Test
  void digest_equalsTheStandardEncoding_ofItsTypedData() throws Exception {
    ProposalSubmission submission = submission(proposal("canary 10 %", BigInteger.ONE, ""));
    ProposalSubmission twoCalls =
        new ProposalSubmission(
            DOMAIN,
            new SignedProposal(
                PROPOSER,
                List.of(PARAMETERS, Address.of("0x" + "44".repeat(20))),
                List.of(BigInteger.ZERO, BigInteger.valueOf(5)),
                List.of(CANARY_10, "0x"),
                "two calls",
                BigInteger.ZERO,
                1_900_000_000L,
                ""));

    assertThat(submission.digest()).isEqualTo(standard(submission.typedData()));
    assertThat(twoCalls.digest()).isEqualTo(standard(twoCalls.typedData()));
  }

  @Test
  void signature_recoversToTheProposer_andTheDigestBindsEveryField() {
    ProposalSubmission submission = submission(proposal("canary 10 %", BigInteger.ONE, ""));

    SignedProposal signed = submission.sign(DemoSigners.key(1));

    new ProposalSubmission(DOMAIN, signed).verify();
    assertThat(new ProposalSubmission(DOMAIN, signed).signer()).isEqualTo(PROPOSER);
    byte[] digest = submission.digest();
    assertThat(submission(proposal("canary 10 % !", BigInteger.ONE, "")).digest())
        .isNotEqualTo(digest);
    assertThat(submission(proposal("canary 10 %", BigInteger.TWO, "")).digest())
        .isNotEqualTo(digest);
    assertThat(
            new ProposalSubmission(new GovernorDomain(84532, DOMAIN.governor()), signed).digest())
        .isNotEqualTo(digest);
    SignedProposal otherCall =
        new SignedProposal(
            PROPOSER,
            signed.targets(),
            signed.values(),
            List.of(new SetParameterCall("rollout.canaryPercent", BigInteger.TWO).encode()),
            signed.description(),
            signed.nonce(),
            signed.deadline(),
            signed.signature());
    assertThatThrownBy(() -> new ProposalSubmission(DOMAIN, otherCall).verify())
        .isInstanceOf(Signatures.InvalidSignatureException.class)
        .hasMessageContaining("not the proposer");
  }

  @Test
  void refusesAnotherKey_aHighSSignature_andMalformedProposals() {
    ProposalSubmission submission = submission(proposal("canary 10 %", BigInteger.ONE, ""));
    SignedProposal signed = submission.sign(DemoSigners.key(1));

    assertThatThrownBy(() -> submission.sign(DemoSigners.key(2)))
        .hasMessageContaining("does not belong to proposer");
    SignedProposal highS = proposal("canary 10 %", BigInteger.ONE, highS(signed.signature()));
    assertThatThrownBy(() -> new ProposalSubmission(DOMAIN, highS).verify())
        .hasMessageContaining("high s");
    assertThatThrownBy(
            () ->
                submission(
                    new SignedProposal(
                        PROPOSER,
                        List.of(),
                        List.of(),
                        List.of(),
                        "nothing",
                        BigInteger.ZERO,
                        1_900_000_000L,
                        "")))
        .hasMessageContaining("at least one call");
    assertThatThrownBy(
            () ->
                submission(
                    new SignedProposal(
                        PROPOSER,
                        List.of(PARAMETERS),
                        List.of(),
                        List.of(CANARY_10),
                        "uneven",
                        BigInteger.ZERO,
                        1_900_000_000L,
                        "")))
        .hasMessageContaining("same length");
    assertThatThrownBy(
            () ->
                submission(
                    new SignedProposal(
                        PROPOSER,
                        List.of(PARAMETERS),
                        List.of(BigInteger.ZERO),
                        List.of("0xzz"),
                        "not hex",
                        BigInteger.ZERO,
                        1_900_000_000L,
                        "")))
        .hasMessageContaining("0x-hex");
  }

  @Test
  void summary_showsTheTextTheDecodedParameterCall_andTheDomain() {
    List<String> summary = submission(proposal("canary 10 %", BigInteger.ONE, "")).summary();

    assertThat(summary.get(0)).isEqualTo("PROPOSE as " + PROPOSER.checksummed() + ": canary 10 %");
    assertThat(summary.get(1))
        .contains("setParameter(\"rollout.canaryPercent\", 10) on " + PARAMETERS.checksummed());
    assertThat(summary).contains("chain id          1337", "governor nonce    1");
  }

  @Test
  void setParameterCall_roundTrips_andOtherCallsDoNotDecode() {
    SetParameterCall call = new SetParameterCall("fees.protocolFeeBps", BigInteger.valueOf(750));

    assertThat(SetParameterCall.decode(call.encode())).contains(call);
    assertThat(SetParameterCall.decode("0xa9059cbb" + "00".repeat(64))).isEmpty();
    assertThat(SetParameterCall.decode(call.encode().substring(0, 80))).isEmpty();
    assertThat(SetParameterCall.decode("not hex")).isEmpty();
  }

  @Test
  void json_roundTrips_andNamesAMalformedField() {
    SignedProposal signed =
        submission(proposal("canary 10 %", BigInteger.ONE, "")).sign(DemoSigners.key(1));
    Map<String, Object> json = SignedProposalJson.toJson(signed);

    assertThat(json.get("nonce")).isEqualTo("1");
    assertThat(json.get("values")).isEqualTo(List.of("0"));
    assertThat(SignedProposalJson.fromJson(json)).isEqualTo(signed);
    Map<String, Object> bad = new java.util.HashMap<>(json);
    bad.put("nonce", "one");
    assertThatThrownBy(() -> SignedProposalJson.fromJson(bad))
        .hasMessageContaining("nonce must be decimal integers, was one");
    bad.remove("signature");
    bad.put("nonce", "1");
    assertThatThrownBy(() -> SignedProposalJson.fromJson(bad)).hasMessageContaining("signature");
  }

  private static SignedProposal proposal(String description, BigInteger nonce, String signature) {
    return new SignedProposal(
        PROPOSER,
        List.of(PARAMETERS),
        List.of(BigInteger.ZERO),
        List.of(CANARY_10),
        description,
        nonce,
        1_900_000_000L,
        signature);
  }

  private static ProposalSubmission submission(SignedProposal proposal) {
    return new ProposalSubmission(DOMAIN, proposal);
  }

  /** The same signature's malleable twin: s' = n - s, v flipped. */
  private static String highS(String signature) {
    byte[] bytes = Numeric.hexStringToByteArray(signature);
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64));
    byte[] twin = Numeric.toBytesPadded(Sign.CURVE_PARAMS.getN().subtract(s), 32);
    System.arraycopy(twin, 0, bytes, 32, 32);
    bytes[64] = (byte) (bytes[64] == 27 ? 28 : 27);
    return Numeric.toHexString(bytes);
  }

  private static byte[] standard(Map<String, Object> typedData) throws Exception {
    return new StructuredDataEncoder(new ObjectMapper().writeValueAsString(typedData))
        .hashStructuredData();
  }
}
