package io.noderr.attestation;

import static io.noderr.attestation.AttestationException.Reason.UNTRUSTED_EK_CERTIFICATE;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CAs whose EK certificates the platform trusts: TPM manufacturers' EK CAs, or swtpm's local CA
 * in development. Every configured certificate is a trust anchor on its own, so configuring a
 * manufacturer's intermediate (issuing) CA works without its root, and configuring both works too.
 */
public final class TrustedManufacturers {

  private static final Set<String> CERTIFICATE_FILE_SUFFIXES = Set.of(".pem", ".crt", ".cer");

  private final List<X509Certificate> certificates;
  private final Set<TrustAnchor> anchors;

  private TrustedManufacturers(List<X509Certificate> certificates) {
    this.certificates = List.copyOf(certificates);
    this.anchors =
        this.certificates.stream()
            .map(certificate -> new TrustAnchor(certificate, null))
            .collect(Collectors.toUnmodifiableSet());
  }

  /** Trusts exactly these CA certificates; an empty list trusts no EK certificate at all. */
  public static TrustedManufacturers of(Collection<X509Certificate> caCertificates) {
    return new TrustedManufacturers(new ArrayList<>(caCertificates));
  }

  /**
   * Loads CA certificates from PEM (or DER) files; a directory contributes its {@code .pem}, {@code
   * .crt} and {@code .cer} files. A file may hold several certificates.
   *
   * @throws IllegalArgumentException if a path cannot be read or holds no certificate; this is a
   *     configuration error and should stop the application from starting
   */
  public static TrustedManufacturers load(Collection<Path> pemFilesOrDirectories) {
    List<X509Certificate> certificates = new ArrayList<>();
    for (Path path : pemFilesOrDirectories) {
      for (Path file : certificateFiles(path)) {
        certificates.addAll(read(file));
      }
    }
    return new TrustedManufacturers(certificates);
  }

  public List<X509Certificate> certificates() {
    return certificates;
  }

  /**
   * Validates the EK certificate (PKIX, no revocation check) against the trusted CAs, at the
   * current time.
   *
   * @throws AttestationException {@code UNTRUSTED_EK_CERTIFICATE}
   */
  public void verify(X509Certificate ekCertificate) {
    if (anchors.isEmpty()) {
      throw new AttestationException(
          UNTRUSTED_EK_CERTIFICATE, "the platform trusts no TPM manufacturer CA");
    }
    try {
      PKIXParameters parameters = new PKIXParameters(anchors);
      // TPM manufacturers' CRLs are not reachable from every platform deployment, and a revoked
      // EK is handled by revoking the node; validity and the signature chain are what we check.
      parameters.setRevocationEnabled(false);
      CertPathValidator.getInstance("PKIX")
          .validate(
              CertificateFactory.getInstance("X.509").generateCertPath(List.of(ekCertificate)),
              parameters);
    } catch (CertPathValidatorException e) {
      throw new AttestationException(UNTRUSTED_EK_CERTIFICATE, describe(e), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot validate X.509 certificates", e);
    }
  }

  private static String describe(CertPathValidatorException e) {
    if (e.getReason() == BasicReason.EXPIRED) {
      return "the EK certificate has expired";
    }
    if (e.getReason() == BasicReason.NOT_YET_VALID) {
      return "the EK certificate is not valid yet";
    }
    return "the EK certificate is not issued by a trusted TPM manufacturer CA";
  }

  private static List<Path> certificateFiles(Path path) {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> files = Files.list(path)) {
      return files
          .filter(Files::isRegularFile)
          .filter(TrustedManufacturers::isCertificateFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list manufacturer CA directory " + path, e);
    }
  }

  private static boolean isCertificateFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return CERTIFICATE_FILE_SUFFIXES.stream().anyMatch(name::endsWith);
  }

  private static List<X509Certificate> read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
              .map(X509Certificate.class::cast)
              .toList();
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("no certificate in manufacturer CA file " + file);
      }
      return certificates;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read manufacturer CA file " + file, e);
    }
  }
}
