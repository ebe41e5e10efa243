package io.noderr.attestation.swtpm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A TPM manufacturer for tests: a swtpm_localca CA with its own state directory (never the
 * system-wide /var/lib/swtpm-localca), plus the swtpm_setup configuration that makes the TPMs it
 * provisions carry EK and platform certificates it issued. Two instances are two unrelated
 * manufacturers — with identical DNs ("CN=swtpm-localca"), so only signatures tell them apart.
 *
 * <p>swtpm_localca creates its root and issuing CA on the first certificate it signs, so the CA
 * certificates exist once a TPM has been provisioned with this CA.
 */
public final class SwtpmCa implements AutoCloseable {

  private final Path directory;

  private SwtpmCa(Path directory) {
    this.directory = directory;
  }

  /** Writes a fresh CA configuration into a new temporary directory. */
  public static SwtpmCa create() {
    String localca = Processes.executable("swtpm_localca");
    try {
      Path directory = Files.createTempDirectory("swtpm-ca-");
      Path state = Files.createDirectory(directory.resolve("state"));
      Files.writeString(
          directory.resolve("swtpm-localca.conf"),
          String.join(
              "\n",
              "statedir = " + state,
              "signingkey = " + state.resolve("signkey.pem"),
              "issuercert = " + state.resolve("issuercert.pem"),
              "certserial = " + state.resolve("certserial"),
              ""));
      Files.writeString(
          directory.resolve("swtpm-localca.options"),
          String.join(
              "\n",
              "--platform-manufacturer Noderr",
              "--platform-version 2.1",
              "--platform-model test",
              ""));
      Files.writeString(
          setupConfig(directory),
          String.join(
              "\n",
              "create_certs_tool = " + localca,
              "create_certs_tool_config = " + directory.resolve("swtpm-localca.conf"),
              "create_certs_tool_options = " + directory.resolve("swtpm-localca.options"),
              "active_pcr_banks = sha256",
              ""));
      return new SwtpmCa(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the swtpm CA configuration", e);
    }
  }

  /** The CA that signs EK certificates (swtpm_localca's intermediate, "CN=swtpm-localca"). */
  public X509Certificate issuerCertificate() {
    return read(issuerCertificateFile());
  }

  /** The root ("CN=swtpm-localca-rootca") and issuing CA certificates, PEM. */
  public List<Path> certificateFiles() {
    return List.of(rootCertificateFile(), issuerCertificateFile());
  }

  /** Deletes the CA's directory, private keys included. */
  @Override
  public void close() {
    Processes.deleteRecursively(directory);
  }

  Path setupConfig() {
    return setupConfig(directory);
  }

  private static Path setupConfig(Path directory) {
    return directory.resolve("swtpm_setup.conf");
  }

  private Path rootCertificateFile() {
    return existing(directory.resolve("state/swtpm-localca-rootca-cert.pem"));
  }

  private Path issuerCertificateFile() {
    return existing(directory.resolve("state/issuercert.pem"));
  }

  private static Path existing(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalStateException(
          "the swtpm CA has no certificates yet: provision a TPM with it first");
    }
    return file;
  }

  static X509Certificate read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | CertificateException e) {
      throw new IllegalStateException("cannot read certificate " + file, e);
    }
  }
}
