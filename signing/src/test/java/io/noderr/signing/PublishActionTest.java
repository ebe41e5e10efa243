package io.noderr.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

class PublishActionTest {

  static final MultisigDomain DOMAIN =
      new MultisigDomain(1337, Address.of("0x5b1869D9A4C187F2EAa108f3062412ecf0526b24"));
  static final ECKeyPair KEY = ECKeyPair.create(BigInteger.valueOf(0xC0FFEE));

  static PublishAction action(String version) {
    return new PublishAction(
        1,
        version,
        ImageDigest.parse("sha256:" + "ab".repeat(32)),
        "1.0.0",
        "https://example.org/notes/\"quoted\"",
        BigInteger.valueOf(7),
        1_900_000_000L);
  }

  @Test
  void digestEqualsWhatAStandardTypedDataEncoderComputesFromTheJson() throws Exception {
    String json = new ObjectMapper().writeValueAsString(action("1.4.2").typedData(DOMAIN));
    byte[] reference = new StructuredDataEncoder(json).hashStructuredData();
    assertThat(Numeric.toHexString(action("1.4.2").digest(DOMAIN)))
        .isEqualTo(Numeric.toHexString(reference));
  }

  @Test
  void declineDigestEqualsTheStandardEncoding() throws Exception {
    DeclineAction decline = new DeclineAction(action("1.4.2").digest(DOMAIN), "notes are wrong");
    String json = new ObjectMapper().writeValueAsString(decline.typedData(DOMAIN));
    assertThat(decline.digest(DOMAIN))
        .isEqualTo(new StructuredDataEncoder(json).hashStructuredData());
  }

  @Test
  void everyFieldChangesTheDigest() {
    byte[] base = action("1.4.2").digest(DOMAIN);
    assertThat(action("1.4.3").digest(DOMAIN)).isNotEqualTo(base);
    assertThat(action("1.4.2").digest(new MultisigDomain(84532, DOMAIN.verifyingContract())))
        .isNotEqualTo(base);
  }

  @Test
  void signatureRecoversToTheSigner() {
    byte[] digest = action("1.4.2").digest(DOMAIN);
    String signature = Signatures.sign(digest, KEY);
    assertThat(Signatures.recover(digest, signature)).isEqualTo(Signatures.addressOf(KEY));
    assertThat(Signatures.recover(action("1.4.3").digest(DOMAIN), signature))
        .isNotEqualTo(Signatures.addressOf(KEY));
  }

  @Test
  void refusesMalformedAndMalleableSignatures() {
    byte[] digest = action("1.4.2").digest(DOMAIN);
    String good = Signatures.sign(digest, KEY);
    assertThatThrownBy(() -> Signatures.recover(digest, "0x1234"))
        .hasMessageContaining("130 hex digits");
    assertThatThrownBy(() -> Signatures.recover(digest, good.substring(0, 130) + "1d"))
        .hasMessageContaining("27 or 28");
    // The high-s twin: s' = n - s, v flipped. Valid ECDSA, but refused like the contract does.
    BigInteger s = Numeric.toBigInt(good.substring(66, 130));
    BigInteger highS = org.web3j.crypto.Sign.CURVE_PARAMS.getN().subtract(s);
    int v = Integer.parseInt(good.substring(130), 16) == 27 ? 28 : 27;
    String twin =
        good.substring(0, 66)
            + Numeric.toHexStringNoPrefixZeroPadded(highS, 64)
            + Integer.toHexString(v);
    assertThatThrownBy(() -> Signatures.recover(digest, twin)).hasMessageContaining("high s");
    assertThatThrownBy(() -> Signatures.recover(digest, "0x" + "00".repeat(64) + "1b"))
        .hasMessageContaining("out of range");
  }

  @Test
  void refusesBadFields() {
    assertThatThrownBy(() -> action("latest")).hasMessageContaining("not a semantic version");
    assertThatThrownBy(() -> ImageDigest.parse("sha256:abc")).hasMessageContaining("64 hex");
    assertThatThrownBy(() -> Address.of("0x12")).hasMessageContaining("40 hex digits");
    assertThat(ImageDigest.parse("0x" + "AB".repeat(32)).value())
        .isEqualTo("sha256:" + "ab".repeat(32));
  }

  @Test
  void summaryNamesEverySignedField() {
    assertThat(action("1.4.2").summary(DOMAIN, "ORACLE"))
        .anyMatch(l -> l.contains("1.4.2") && l.contains("ORACLE"))
        .anyMatch(l -> l.contains("sha256:abab"))
        .anyMatch(l -> l.contains("1337"))
        .anyMatch(l -> l.contains("0x5b1869D9A4C187F2EAa108f3062412ecf0526b24"))
        .anyMatch(l -> l.contains("2030-03-17"));
  }
}
