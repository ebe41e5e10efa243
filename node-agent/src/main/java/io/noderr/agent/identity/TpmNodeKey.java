package io.noderr.agent.identity;

import io.noderr.agent.tpm.TpmIdentity;
import io.noderr.agent.tpm.TpmQuote;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The node's TPM: EK certificate and EK for registration, the attestation key for every proof (a
 * quote over the platform's nonce and PCR selection), and ActivateCredential.
 */
public final class TpmNodeKey implements NodeKey {

  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  private final TpmIdentity tpm;

  private TpmNodeKey(TpmIdentity tpm) {
    this.tpm = tpm;
  }

  /**
   * @param address a device path ({@code /dev/tpmrm0}) or a simulator ({@code tcp://host:port})
   */
  public static TpmNodeKey open(String address) {
    return new TpmNodeKey(TpmIdentity.open(address));
  }

  @Override
  public String kind() {
    return "TPM";
  }

  @Override
  public Map<String, Object> publicMaterial() {
    return Map.of(
        "ekCertificate", BASE64.encodeToString(tpm.ekCertificate()),
        "ekPublic", BASE64.encodeToString(tpm.ekPublic()),
        "akPublic", BASE64.encodeToString(tpm.akPublic()));
  }

  @Override
  public Map<String, Object> prove(byte[] nonce, int[] pcrs) {
    TpmQuote quote = tpm.quote(nonce, pcrs);
    Map<String, String> values = new LinkedHashMap<>();
    quote.pcrs().forEach((index, value) -> values.put(Integer.toString(index), value));
    return Map.of(
        "quote",
        Map.of(
            "attest", BASE64.encodeToString(quote.attest()),
            "signature", BASE64.encodeToString(quote.signature()),
            "pcrs", values));
  }

  @Override
  public byte[] activateCredential(byte[] credentialBlob, byte[] encryptedSecret) {
    return tpm.activateCredential(credentialBlob, encryptedSecret);
  }

  @Override
  public void close() {
    tpm.close();
  }
}
