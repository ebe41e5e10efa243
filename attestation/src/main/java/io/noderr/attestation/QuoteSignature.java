package io.noderr.attestation;

import static io.noderr.attestation.AttestationException.Reason.QUOTE_SIGNATURE_INVALID;

import java.security.GeneralSecurityException;
import java.security.Signature;

/** A quote's {@code TPMT_SIGNATURE}, checked as RSASSA-PKCS1-v1_5 with SHA-256 under the AK. */
final class QuoteSignature {

  private static final int MAX_SIZE = 1024;

  static void verify(RsaPublicArea ak, byte[] attest, byte[] signature) {
    TpmReader in = new TpmReader(signature, MAX_SIZE, "the quote signature");
    // Check the scheme before reading on: the rest of the layout depends on it.
    if (in.u16() != Tpm2.ALG_RSASSA || in.u16() != Tpm2.ALG_SHA256) {
      throw new AttestationException(
          QUOTE_SIGNATURE_INVALID, "the quote signature is not RSASSA with SHA-256");
    }
    byte[] value = in.sized();
    in.expectEnd();
    if (!verifies(ak, attest, value)) {
      throw new AttestationException(
          QUOTE_SIGNATURE_INVALID, "the quote signature does not verify under the AK");
    }
  }

  private static boolean verifies(RsaPublicArea ak, byte[] attest, byte[] value) {
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(ak.publicKey());
      rsa.update(attest);
      return rsa.verify(value);
    } catch (GeneralSecurityException e) {
      // A signature of the wrong length or shape is just an invalid signature.
      return false;
    }
  }

  private QuoteSignature() {}
}
