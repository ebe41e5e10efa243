package io.noderr.attestation;

import static io.noderr.attestation.AttestationException.Reason.MALFORMED_EVIDENCE;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** Parses the EK certificate a node read from its TPM's NV memory. */
final class EkCertificate {

  /** Real EK certificates are 1-2 KiB; NV index 0x01C00002 holds at most a few KiB. */
  static final int MAX_SIZE = 8 * 1024;

  private static final String MALFORMED =
      "the EK certificate is missing, larger than " + MAX_SIZE + " bytes or not DER X.509";

  static X509Certificate parse(byte[] der) {
    if (der == null || der.length == 0 || der.length > MAX_SIZE) {
      throw new AttestationException(MALFORMED_EVIDENCE, MALFORMED);
    }
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      // The JDK's parser throws unchecked exceptions on some garbage; all of it is malformed.
      throw new AttestationException(MALFORMED_EVIDENCE, MALFORMED, e);
    }
  }

  static String sha256Hex(X509Certificate certificate) {
    try {
      return HexFormat.of().formatHex(Sha256.digest(certificate.getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new AttestationException(MALFORMED_EVIDENCE, MALFORMED, e);
    }
  }

  private EkCertificate() {}
}
