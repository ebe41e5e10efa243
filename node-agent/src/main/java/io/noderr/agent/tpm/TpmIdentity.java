package io.noderr.agent.tpm;

import static io.noderr.agent.tpm.TpmCommands.call;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import tss.Tpm;
import tss.tpm.CreatePrimaryResponse;
import tss.tpm.QuoteResponse;
import tss.tpm.TPMS_NULL_SIG_SCHEME;
import tss.tpm.TPMS_PCR_SELECTION;
import tss.tpm.TPMS_QUOTE_INFO;
import tss.tpm.TPMS_SENSITIVE_CREATE;
import tss.tpm.TPMT_PUBLIC;
import tss.tpm.TPMT_SIGNATURE;
import tss.tpm.TPM_ALG_ID;
import tss.tpm.TPM_HANDLE;
import tss.tpm.TPM_RH;

/**
 * This node's TPM identity: the EK the manufacturer certified and the attestation key, both primary
 * keys of the endorsement hierarchy and loaded for as long as the identity is open. Thread-safe:
 * the TPM connection serves one command at a time.
 *
 * <pre>{@code
 * try (TpmIdentity tpm = TpmIdentity.open("/dev/tpmrm0")) {
 *   register(tpm.ekCertificate(), tpm.ekPublic(), tpm.akPublic(), tpm.quote(nonce, pcrs));
 *   answer(tpm.activateCredential(credentialBlob, encryptedSecret));
 * }
 * }</pre>
 */
public final class TpmIdentity implements AutoCloseable {

  private static final int PCR_COUNT = 24;

  /** A quote and the PCR reads after it can straddle an extend; we try again that many times. */
  private static final int QUOTE_ATTEMPTS = 3;

  private final Tpm tpm;
  private final TPM_HANDLE ek;
  private final TPM_HANDLE ak;
  private final byte[] ekPublic;
  private final byte[] akPublic;
  private final byte[] akName;
  private final byte[] ekCertificate;

  private TpmIdentity(
      Tpm tpm, CreatePrimaryResponse ek, CreatePrimaryResponse ak, byte[] ekCertificate) {
    this.tpm = tpm;
    this.ek = ek.handle;
    this.ak = ak.handle;
    this.ekPublic = ek.outPublic.toBytes();
    this.akPublic = ak.outPublic.toBytes();
    this.akName = ak.name;
    this.ekCertificate = ekCertificate;
  }

  /**
   * Connects to the TPM and loads the EK and the AK.
   *
   * @param address {@code tcp://host:port} or a device path such as {@code /dev/tpmrm0}
   * @throws TpmOperationException if the TPM cannot be reached, has no RSA EK certificate, or
   *     refuses to create the keys
   */
  public static TpmIdentity open(String address) {
    Tpm tpm = TpmConnection.open(address);
    CreatePrimaryResponse ek = null;
    CreatePrimaryResponse ak = null;
    try {
      ek = createPrimary(tpm, KeyTemplates.endorsementKey(), "create the EK");
      ak = createPrimary(tpm, KeyTemplates.attestationKey(), "create the attestation key");
      return new TpmIdentity(tpm, ek, ak, EkCertificateReader.read(tpm));
    } catch (RuntimeException e) {
      try {
        TpmCommands.flush(tpm, ak == null ? null : ak.handle);
        TpmCommands.flush(tpm, ek == null ? null : ek.handle);
      } finally {
        disconnect(tpm);
      }
      throw e;
    }
  }

  /** DER X.509 EK certificate from NV index 0x01C00002. */
  public byte[] ekCertificate() {
    return ekCertificate.clone();
  }

  /** {@code TPMT_PUBLIC} of the EK. */
  public byte[] ekPublic() {
    return ekPublic.clone();
  }

  /** {@code TPMT_PUBLIC} of the AK. */
  public byte[] akPublic() {
    return akPublic.clone();
  }

  /** The AK's TPM name (0x000B followed by SHA-256 of the AK public area). */
  public byte[] akName() {
    return akName.clone();
  }

  /**
   * Quotes the SHA-256 bank's {@code pcrIndices} with the AK, over {@code nonce}, and reads the
   * quoted values.
   */
  public synchronized TpmQuote quote(byte[] nonce, int[] pcrIndices) {
    SortedSet<Integer> indices = validIndices(pcrIndices);
    TPMS_PCR_SELECTION[] selection = {
      new TPMS_PCR_SELECTION(
          TPM_ALG_ID.SHA256, indices.stream().mapToInt(Integer::intValue).toArray())
    };
    for (int attempt = 1; attempt <= QUOTE_ATTEMPTS; attempt++) {
      QuoteResponse quote =
          call("quote", () -> tpm.Quote(ak, nonce, new TPMS_NULL_SIG_SCHEME(), selection));
      SortedMap<Integer, String> pcrs = PcrReader.read(tpm, indices);
      if (MessageDigest.isEqual(
          PcrReader.digest(pcrs), ((TPMS_QUOTE_INFO) quote.quoted.attested).pcrDigest)) {
        return new TpmQuote(
            quote.quoted.toBytes(), new TPMT_SIGNATURE(quote.signature).toBytes(), pcrs);
      }
    }
    throw new TpmOperationException("the PCRs kept changing while the TPM quoted them");
  }

  /**
   * TPM2_ActivateCredential: recovers the secret the platform encrypted to this TPM's EK for this
   * AK. The TPM refuses (TPM_RC_INTEGRITY, or a decryption error) unless it holds both keys.
   *
   * @param credentialBlob {@code TPMS_ID_OBJECT} from the platform
   * @param encryptedSecret the encrypted seed from the platform
   */
  public synchronized byte[] activateCredential(byte[] credentialBlob, byte[] encryptedSecret) {
    return CredentialActivation.activate(tpm, ak, ek, credentialBlob, encryptedSecret);
  }

  /** Flushes the keys (a TPM without resource manager keeps them otherwise) and disconnects. */
  @Override
  public synchronized void close() {
    try {
      TpmCommands.flush(tpm, ak);
      TpmCommands.flush(tpm, ek);
    } finally {
      disconnect(tpm);
    }
  }

  private static CreatePrimaryResponse createPrimary(Tpm tpm, TPMT_PUBLIC template, String action) {
    return call(
        action,
        () ->
            tpm.CreatePrimary(
                TPM_HANDLE.from(TPM_RH.ENDORSEMENT),
                new TPMS_SENSITIVE_CREATE(),
                template,
                new byte[0],
                new TPMS_PCR_SELECTION[0]));
  }

  private static SortedSet<Integer> validIndices(int[] pcrIndices) {
    SortedSet<Integer> indices = new TreeSet<>();
    for (int index : pcrIndices) {
      if (index < 0 || index >= PCR_COUNT) {
        throw new IllegalArgumentException("PCR " + index + " does not exist (0 to 23)");
      }
      indices.add(index);
    }
    if (indices.isEmpty()) {
      throw new IllegalArgumentException("a quote covers at least one PCR");
    }
    return indices;
  }

  private static void disconnect(Tpm tpm) {
    try {
      tpm.close();
    } catch (IOException | RuntimeException alreadyClosed) {
      // The device is gone either way.
    }
  }
}
