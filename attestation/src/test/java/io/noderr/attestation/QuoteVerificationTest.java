package io.noderr.attestation;

import static io.noderr.attestation.AttestationException.Reason.MALFORMED_EVIDENCE;
import static io.noderr.attestation.AttestationException.Reason.NONCE_MISMATCH;
import static io.noderr.attestation.AttestationException.Reason.PCR_DIGEST_MISMATCH;
import static io.noderr.attestation.AttestationException.Reason.PCR_POLICY_VIOLATION;
import static io.noderr.attestation.AttestationException.Reason.PCR_SELECTION_MISMATCH;
import static io.noderr.attestation.AttestationException.Reason.QUOTE_SIGNATURE_INVALID;
import static io.noderr.attestation.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tss.tpm.TPMS_SIGNATURE_ECDSA;
import tss.tpm.TPMT_SIGNATURE;
import tss.tpm.TPM_ALG_ID;

class QuoteVerificationTest {

  private static final List<Integer> FIRMWARE_PCRS = List.of(0, 1, 2, 3, 4, 5, 6, 7);
  private static final String ZERO = "0".repeat(64);

  private final SoftwareTpm tpm = new SoftwareTpm();
  private final byte[] nonce = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
  private final TpmEvidenceVerifier verifier =
      new TpmEvidenceVerifier(TrustedManufacturers.of(List.of()), PcrPolicy.defaults());

  @Test
  void quote_verifies_andReturnsThePcrValues() {
    tpm.extend(7, "secure boot on".getBytes());
    Quote quote = tpm.quote(nonce, FIRMWARE_PCRS);

    var pcrs = verifier.verifyQuote(tpm.akPublic(), quote, nonce);

    assertThat(pcrs).containsOnlyKeys(FIRMWARE_PCRS).containsEntry(0, ZERO);
    assertThat(pcrs.get(7)).isEqualTo(quote.pcrs().get(7)).isNotEqualTo(ZERO);
  }

  @Test
  void quote_acceptsUppercaseHex() {
    Quote quote = tpm.quote(nonce, FIRMWARE_PCRS);
    Map<Integer, String> upper = new TreeMap<>();
    quote.pcrs().forEach((i, v) -> upper.put(i, v.toUpperCase(Locale.ROOT)));

    assertThat(verifier.verifyQuote(tpm.akPublic(), withPcrs(quote, upper), nonce))
        .containsEntry(0, ZERO);
  }

  @Test
  void quote_isRejected_whenMadeOverAnotherNonce() {
    Quote quote = tpm.quote(new byte[16], FIRMWARE_PCRS);

    assertRejected(() -> verifier.verifyQuote(tpm.akPublic(), quote, nonce), NONCE_MISMATCH);
  }

  @Test
  void quote_isRejected_whenSignedByAnotherKey() {
    Quote quote = new SoftwareTpm().quote(nonce, FIRMWARE_PCRS);

    assertRejected(
        () -> verifier.verifyQuote(tpm.akPublic(), quote, nonce), QUOTE_SIGNATURE_INVALID);
  }

  @Test
  void quote_isRejected_whenTheAttestationWasAltered() {
    Quote quote = tpm.quote(nonce, FIRMWARE_PCRS);
    byte[] attest = quote.attest().clone();
    attest[attest.length - 1] ^= 1; // last byte of the PCR digest

    assertRejected(
        () ->
            verifier.verifyQuote(
                tpm.akPublic(), new Quote(attest, quote.signature(), quote.pcrs()), nonce),
        QUOTE_SIGNATURE_INVALID);
  }

  @Test
  void quote_isRejected_whenTheSignatureIsNotRsassaSha256() {
    Quote quote = tpm.quote(nonce, FIRMWARE_PCRS);
    byte[] ecdsa =
        new TPMT_SIGNATURE(new TPMS_SIGNATURE_ECDSA(TPM_ALG_ID.SHA256, new byte[32], new byte[32]))
            .toBytes();

    assertRejected(
        () ->
            verifier.verifyQuote(
                tpm.akPublic(), new Quote(quote.attest(), ecdsa, quote.pcrs()), nonce),
        QUOTE_SIGNATURE_INVALID);
  }

  @Test
  void quote_isRejected_whenAPcrValueWasAlteredAfterQuoting() {
    Quote quote = tpm.quote(nonce, FIRMWARE_PCRS);
    Map<Integer, String> altered = new TreeMap<>(quote.pcrs());
    altered.put(4, "ab".repeat(32));

    assertRejected(
        () -> verifier.verifyQuote(tpm.akPublic(), withPcrs(quote, altered), nonce),
        PCR_DIGEST_MISMATCH);
  }

  @Test
  void quote_isRejected_whenItCoversOtherPcrs() {
    Quote tooFew = tpm.quote(nonce, List.of(0, 1, 2, 3, 4, 5, 6));
    Quote tooMany = tpm.quote(nonce, List.of(0, 1, 2, 3, 4, 5, 6, 7, 8));

    assertRejected(
        () -> verifier.verifyQuote(tpm.akPublic(), tooFew, nonce), PCR_SELECTION_MISMATCH);
    assertRejected(
        () -> verifier.verifyQuote(tpm.akPublic(), tooMany, nonce), PCR_SELECTION_MISMATCH);
  }

  @Test
  void quote_isRejected_whenItCoversTheSha1Bank() {
    byte[] attest = tpm.attest(nonce, TPM_ALG_ID.SHA1, FIRMWARE_PCRS);
    Quote quote =
        new Quote(
            attest,
            SoftwareTpm.sign(tpm.ak.getPrivate(), attest),
            tpm.quote(nonce, FIRMWARE_PCRS).pcrs());

    assertRejected(
        () -> verifier.verifyQuote(tpm.akPublic(), quote, nonce), PCR_SELECTION_MISMATCH);
  }

  @Test
  void quote_isRejected_whenPcrValuesAreMissingOrExtra() {
    Quote quote = tpm.quote(nonce, FIRMWARE_PCRS);
    Map<Integer, String> missing = new TreeMap<>(quote.pcrs());
    missing.remove(3);
    Map<Integer, String> extra = new TreeMap<>(quote.pcrs());
    extra.put(9, ZERO);

    assertRejected(
        () -> verifier.verifyQuote(tpm.akPublic(), withPcrs(quote, missing), nonce),
        PCR_SELECTION_MISMATCH);
    assertRejected(
        () -> verifier.verifyQuote(tpm.akPublic(), withPcrs(quote, extra), nonce),
        PCR_SELECTION_MISMATCH);
  }

  @Test
  void quote_isRejected_whenAPcrHoldsAValueThePolicyDoesNotAllow() {
    TpmEvidenceVerifier strict =
        new TpmEvidenceVerifier(
            TrustedManufacturers.of(List.of()),
            PcrPolicy.of(FIRMWARE_PCRS, Map.of(7, Set.of(ZERO))));
    assertThat(strict.verifyQuote(tpm.akPublic(), tpm.quote(nonce, FIRMWARE_PCRS), nonce))
        .containsEntry(7, ZERO);

    tpm.extend(7, "secure boot off".getBytes());

    assertRejected(
        () -> strict.verifyQuote(tpm.akPublic(), tpm.quote(nonce, FIRMWARE_PCRS), nonce),
        PCR_POLICY_VIOLATION);
  }

  @Test
  void quote_isMalformed_whenPartsAreMissingOrGarbage() {
    Quote quote = tpm.quote(nonce, FIRMWARE_PCRS);
    Map<Integer, String> notHex = new TreeMap<>(quote.pcrs());
    notHex.put(0, "zz".repeat(32));
    Map<Integer, String> nullValue = new HashMap<>(quote.pcrs());
    nullValue.put(0, null);
    Map<Integer, String> nullKey = new HashMap<>(quote.pcrs());
    nullKey.put(null, ZERO);

    assertRejected(() -> verifier.verifyQuote(tpm.akPublic(), null, nonce), MALFORMED_EVIDENCE);
    assertRejected(
        () ->
            verifier.verifyQuote(
                tpm.akPublic(), new Quote(null, quote.signature(), quote.pcrs()), nonce),
        MALFORMED_EVIDENCE);
    assertRejected(
        () ->
            verifier.verifyQuote(
                tpm.akPublic(),
                new Quote(quote.attest(), new byte[] {0x00, 0x14, 0x00}, quote.pcrs()),
                nonce),
        MALFORMED_EVIDENCE);
    assertRejected(
        () ->
            verifier.verifyQuote(
                tpm.akPublic(), new Quote(new byte[3000], quote.signature(), quote.pcrs()), nonce),
        MALFORMED_EVIDENCE);
    assertRejected(
        () -> verifier.verifyQuote(tpm.akPublic(), withPcrs(quote, null), nonce),
        MALFORMED_EVIDENCE);
    assertRejected(
        () -> verifier.verifyQuote(tpm.akPublic(), withPcrs(quote, notHex), nonce),
        MALFORMED_EVIDENCE);
    assertRejected(
        () -> verifier.verifyQuote(tpm.akPublic(), withPcrs(quote, nullValue), nonce),
        MALFORMED_EVIDENCE);
    assertRejected(
        () -> verifier.verifyQuote(tpm.akPublic(), withPcrs(quote, nullKey), nonce),
        MALFORMED_EVIDENCE);
  }

  /** TSS.Java would try to allocate an array of 2^31 selections for this; we must not. */
  @Test
  void quote_claimingHugeSelectionCount_isMalformed() {
    ByteBuffer attest = ByteBuffer.allocate(64);
    attest.putInt(0xFF544347).putShort((short) 0x8018);
    attest.putShort((short) 0).putShort((short) 0); // qualifiedSigner, extraData
    attest.putLong(0).putInt(0).putInt(0).put((byte) 1).putLong(0); // clock info, firmware
    attest.putInt(0x7FFFFFFF);
    Quote quote = new Quote(attest.array(), tpm.quote(nonce, FIRMWARE_PCRS).signature(), Map.of());

    assertRejected(() -> verifier.verifyQuote(tpm.akPublic(), quote, nonce), MALFORMED_EVIDENCE);
  }

  @Test
  void attest_thatIsNotAQuote_isMalformed() {
    byte[] attest = tpm.quote(nonce, FIRMWARE_PCRS).attest();
    byte[] wrongMagic = attest.clone();
    wrongMagic[0] = 0;
    byte[] certifyType = attest.clone();
    certifyType[5] = 0x17; // TPM_ST_ATTEST_CERTIFY

    assertRejected(() -> QuoteInfo.parse(wrongMagic), MALFORMED_EVIDENCE);
    assertRejected(() -> QuoteInfo.parse(certifyType), MALFORMED_EVIDENCE);
  }

  private static Quote withPcrs(Quote quote, Map<Integer, String> pcrs) {
    return new Quote(quote.attest(), quote.signature(), pcrs);
  }
}
