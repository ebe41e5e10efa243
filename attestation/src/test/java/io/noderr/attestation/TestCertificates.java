package io.noderr.attestation;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Manufacturer CAs and EK certificates shaped like real ones, made with BouncyCastle. */
final class TestCertificates {

  private static final AtomicLong SERIAL = new AtomicLong(1);

  record Ca(KeyPair keys, X509Certificate certificate) {}

  static Ca rootCa(String name) {
    KeyPair keys = SoftwareTpm.rsa2048();
    X500Name subject = new X500Name("CN=" + name);
    return new Ca(keys, caCertificate(subject, keys.getPublic(), subject, keys));
  }

  static Ca intermediateCa(String name, Ca issuer) {
    KeyPair keys = SoftwareTpm.rsa2048();
    return new Ca(
        keys,
        caCertificate(
            new X500Name("CN=" + name), keys.getPublic(), subjectOf(issuer), issuer.keys()));
  }

  static X509Certificate ekCertificate(Ca issuer, PublicKey ek) {
    Instant now = Instant.now();
    return ekCertificate(
        issuer, ek, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)));
  }

  /**
   * Like a TCG EK certificate: empty subject, the TPM described in a critical subjectAltName
   * directoryName with TCG attribute OIDs, key usage keyEncipherment only.
   */
  static X509Certificate ekCertificate(
      Ca issuer, PublicKey ek, Instant notBefore, Instant notAfter) {
    X500Name tpm =
        new X500NameBuilder()
            .addRDN(new ASN1ObjectIdentifier("2.23.133.2.1"), new DERUTF8String("id:00001014"))
            .addRDN(new ASN1ObjectIdentifier("2.23.133.2.2"), new DERUTF8String("swtpm"))
            .addRDN(new ASN1ObjectIdentifier("2.23.133.2.3"), new DERUTF8String("id:20191023"))
            .build();
    try {
      var builder =
          new JcaX509v3CertificateBuilder(
                  subjectOf(issuer),
                  BigInteger.valueOf(SERIAL.incrementAndGet()),
                  Date.from(notBefore),
                  Date.from(notAfter),
                  new X500Name(new RDN[0]),
                  ek)
              .addExtension(
                  Extension.subjectAlternativeName,
                  true,
                  new GeneralNames(new GeneralName(GeneralName.directoryName, tpm)))
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment));
      return sign(builder, issuer.keys());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate caCertificate(
      X500Name subject, PublicKey key, X500Name issuer, KeyPair issuerKeys) {
    Instant now = Instant.now();
    try {
      var builder =
          new JcaX509v3CertificateBuilder(
                  issuer,
                  BigInteger.valueOf(SERIAL.incrementAndGet()),
                  Date.from(now.minus(Duration.ofDays(1))),
                  Date.from(now.plus(Duration.ofDays(3650))),
                  subject,
                  key)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
      return sign(builder, issuerKeys);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static X500Name subjectOf(Ca ca) {
    return X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair keys)
      throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
  }
}
