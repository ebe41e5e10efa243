package io.noderr.gateway;

import io.noderr.registry.identity.TokenHash;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The gateway's TLS identity. In the embedded default a self-signed EC P-256 certificate generated
 * once into {@code <data-dir>/gateway/} and reused across restarts: agents pin its SHA-256
 * fingerprint when they register (told with their session), so no CA and no host name is involved
 * and a restart does not break the pin.
 */
public record GatewayCertificate(X509Certificate certificate, PrivateKey privateKey) {

  static final String CERTIFICATE_FILE = "gateway.crt";
  static final String KEY_FILE = "gateway.key";

  /** Host names in the certificate for tools that check them; agents check the pin instead. */
  private static final String[] DNS_NAMES = {"noderr-gateway", "localhost"};

  /** Long: the pin, not the validity period, is what agents trust. */
  private static final Duration VALIDITY = Duration.ofDays(3650);

  /** Lowercase hex SHA-256 of the DER certificate: what agents pin. */
  public String sha256() {
    try {
      return HexFormat.of().formatHex(TokenHash.sha256(certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The certificate in {@code dir}, generated there first if there is none. */
  public static GatewayCertificate loadOrCreate(Path dir) {
    Path certFile = dir.resolve(CERTIFICATE_FILE);
    Path keyFile = dir.resolve(KEY_FILE);
    try {
      if (Files.exists(certFile) && Files.exists(keyFile)) {
        return load(certFile, keyFile);
      }
      GatewayCertificate created = generate();
      Files.createDirectories(dir);
      writePrivate(keyFile, pem("PRIVATE KEY", created.privateKey().getEncoded()));
      Files.writeString(certFile, pem("CERTIFICATE", created.certificate().getEncoded()));
      return created;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot keep the gateway certificate in " + dir + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "the gateway certificate in " + dir + " is unreadable: " + e.getMessage(), e);
    }
  }

  private static GatewayCertificate load(Path certFile, Path keyFile)
      throws IOException, GeneralSecurityException {
    X509Certificate certificate =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certFile)));
    String keyPem = Files.readString(keyFile);
    byte[] der =
        Base64.getMimeDecoder()
            .decode(keyPem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").strip());
    PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    return new GatewayCertificate(certificate, key);
  }

  static GatewayCertificate generate() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    X500Name subject = new X500Name("CN=noderr node gateway");
    Instant now = Instant.now();
    var builder =
        new JcaX509v3CertificateBuilder(
            subject,
            new BigInteger(128, new SecureRandom()),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(VALIDITY)),
            subject,
            pair.getPublic());
    try {
      GeneralName[] names = new GeneralName[DNS_NAMES.length + 1];
      for (int i = 0; i < DNS_NAMES.length; i++) {
        names[i] = new GeneralName(GeneralName.dNSName, DNS_NAMES[i]);
      }
      names[DNS_NAMES.length] = new GeneralName(GeneralName.iPAddress, "127.0.0.1");
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      return new GatewayCertificate(certificate, pair.getPrivate());
    } catch (OperatorCreationException | IOException e) {
      throw new GeneralSecurityException("cannot issue the gateway certificate", e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** The key file is readable by the platform's user only (where the file system allows it). */
  private static void writePrivate(Path file, String content) throws IOException {
    Files.deleteIfExists(file);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(file, content);
  }
}
