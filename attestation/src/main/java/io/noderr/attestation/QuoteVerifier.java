package io.noderr.attestation;

import static io.noderr.attestation.AttestationException.Reason.MALFORMED_EVIDENCE;
import static io.noderr.attestation.AttestationException.Reason.NONCE_MISMATCH;
import static io.noderr.attestation.AttestationException.Reason.PCR_DIGEST_MISMATCH;
import static io.noderr.attestation.AttestationException.Reason.PCR_SELECTION_MISMATCH;

import java.security.MessageDigest;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Verifies a quote in the order that keeps the reasons meaningful: first that the TPM holding the
 * AK signed it, then what it says (nonce, PCR selection), then that the reported PCR values are the
 * quoted ones, and last that the policy allows them.
 */
final class QuoteVerifier {

  static SortedMap<Integer, String> verify(
      RsaPublicArea ak, Quote quote, byte[] nonce, PcrPolicy policy) {
    if (quote == null) {
      throw new AttestationException(MALFORMED_EVIDENCE, "the quote is missing");
    }
    QuoteInfo info = QuoteInfo.parse(quote.attest());
    QuoteSignature.verify(ak, quote.attest(), quote.signature());
    if (!MessageDigest.isEqual(info.extraData(), nonce)) {
      throw new AttestationException(NONCE_MISMATCH, "the quote was made over a different nonce");
    }
    requireSelection(info, policy.indices());
    SortedMap<Integer, String> values = reportedValues(quote.pcrs(), policy.indices());
    requireDigest(info.pcrDigest(), values);
    policy.check(values);
    return Collections.unmodifiableSortedMap(values);
  }

  private static void requireSelection(QuoteInfo info, SortedSet<Integer> indices) {
    boolean exact =
        info.selections().size() == 1
            && info.selections().getFirst().hashAlg() == Tpm2.ALG_SHA256
            && info.selections().getFirst().indices().equals(indices);
    if (!exact) {
      throw new AttestationException(
          PCR_SELECTION_MISMATCH, "the quote does not cover exactly the SHA-256 PCRs " + indices);
    }
  }

  private static SortedMap<Integer, String> reportedValues(
      Map<Integer, String> reported, SortedSet<Integer> indices) {
    if (reported == null || reported.size() > PcrPolicy.PCR_COUNT) {
      throw new AttestationException(
          MALFORMED_EVIDENCE, "the quote's PCR values are missing or too many");
    }
    SortedMap<Integer, String> values = new TreeMap<>();
    for (Map.Entry<Integer, String> entry : reported.entrySet()) {
      if (entry.getKey() == null || !PcrPolicy.isSha256Hex(entry.getValue())) {
        throw new AttestationException(
            MALFORMED_EVIDENCE, "a PCR value is not a 64-digit hex SHA-256 value");
      }
      values.put(entry.getKey(), entry.getValue().toLowerCase(Locale.ROOT));
    }
    if (!values.keySet().equals(indices)) {
      throw new AttestationException(
          PCR_SELECTION_MISMATCH,
          "the PCR values sent are not those of the quoted PCRs " + indices);
    }
    return values;
  }

  /** TPM2_Quote hashes the selected PCR values in selection order: ascending, one bank. */
  private static void requireDigest(byte[] quotedDigest, SortedMap<Integer, String> values) {
    HexFormat hex = HexFormat.of();
    byte[] digest =
        Sha256.digest(values.values().stream().map(hex::parseHex).toArray(byte[][]::new));
    if (!MessageDigest.isEqual(digest, quotedDigest)) {
      throw new AttestationException(
          PCR_DIGEST_MISMATCH, "the PCR values sent are not the values the TPM quoted");
    }
  }

  private QuoteVerifier() {}
}
