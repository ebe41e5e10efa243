package io.noderr.agent.gateway;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one server certificate: the node gateway's, by the SHA-256 fingerprint the node
 * pinned when it registered. No CA, no host name and no validity period is consulted: the gateway's
 * certificate is self-signed and reached at whatever address NAT or containers give it, and the pin
 * is a stronger statement than any of them.
 */
public final class PinnedCertificateTrust extends X509ExtendedTrustManager {

  private final byte[] pinned;

  /**
   * @param sha256Hex the pinned fingerprint, lowercase hex of the DER certificate's SHA-256
   */
  public PinnedCertificateTrust(String sha256Hex) {
    this.pinned = HexFormat.of().parseHex(requireFingerprint(sha256Hex));
  }

  /** The fingerprint as given, if it is one (64 lowercase hex digits). */
  static String requireFingerprint(String sha256Hex) {
    if (sha256Hex == null || !sha256Hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "a gateway certificate fingerprint is 64 lowercase hex digits");
    }
    return sha256Hex;
  }

  static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the gateway presented no certificate");
    }
    try {
      String presented = fingerprint(chain[0]);
      if (!MessageDigest.isEqual(HexFormat.of().parseHex(presented), pinned)) {
        throw new CertificateException(
            "the gateway presented certificate sha256 "
                + presented
                + ", not the one this node pinned ("
                + HexFormat.of().formatHex(pinned)
                + ")");
      }
    } catch (CertificateException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new CertificateException("cannot fingerprint the gateway's certificate", e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("the agent accepts no TLS clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("the agent accepts no TLS clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("the agent accepts no TLS clients");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
