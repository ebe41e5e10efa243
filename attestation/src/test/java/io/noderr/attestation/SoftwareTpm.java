package io.noderr.attestation;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import tss.tpm.TPM2B_PUBLIC_KEY_RSA;
import tss.tpm.TPMA_OBJECT;
import tss.tpm.TPMS_ATTEST;
import tss.tpm.TPMS_CLOCK_INFO;
import tss.tpm.TPMS_NULL_ASYM_SCHEME;
import tss.tpm.TPMS_PCR_SELECTION;
import tss.tpm.TPMS_QUOTE_INFO;
import tss.tpm.TPMS_RSA_PARMS;
import tss.tpm.TPMS_SIGNATURE_RSASSA;
import tss.tpm.TPMS_SIG_SCHEME_RSASSA;
import tss.tpm.TPMT_PUBLIC;
import tss.tpm.TPMT_SIGNATURE;
import tss.tpm.TPMT_SYM_DEF_OBJECT;
import tss.tpm.TPM_ALG_ID;
import tss.tpm.TPM_GENERATED;

/**
 * A TPM in software for unit tests: keys in the JDK, structures marshalled by TSS.Java — an
 * independent implementation of the wire format the verifier parses. The real thing is tested
 * against swtpm in the agent's integration tests.
 */
final class SoftwareTpm {

  static final TPMA_OBJECT AK_ATTRIBUTES =
      new TPMA_OBJECT(
          TPMA_OBJECT.fixedTPM,
          TPMA_OBJECT.fixedParent,
          TPMA_OBJECT.sensitiveDataOrigin,
          TPMA_OBJECT.userWithAuth,
          TPMA_OBJECT.restricted,
          TPMA_OBJECT.sign);

  static final TPMA_OBJECT EK_ATTRIBUTES =
      new TPMA_OBJECT(
          TPMA_OBJECT.fixedTPM,
          TPMA_OBJECT.fixedParent,
          TPMA_OBJECT.sensitiveDataOrigin,
          TPMA_OBJECT.adminWithPolicy,
          TPMA_OBJECT.restricted,
          TPMA_OBJECT.decrypt);

  final KeyPair ek = rsa2048();
  final KeyPair ak = rsa2048();
  private final SortedMap<Integer, byte[]> pcrs = new TreeMap<>();

  SoftwareTpm() {
    for (int i = 0; i < PcrPolicy.PCR_COUNT; i++) {
      pcrs.put(i, new byte[32]);
    }
  }

  static KeyPair rsa2048() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  TPMT_PUBLIC akArea() {
    return new TPMT_PUBLIC(
        TPM_ALG_ID.SHA256,
        AK_ATTRIBUTES,
        new byte[0],
        new TPMS_RSA_PARMS(
            new TPMT_SYM_DEF_OBJECT(), new TPMS_SIG_SCHEME_RSASSA(TPM_ALG_ID.SHA256), 2048, 0),
        new TPM2B_PUBLIC_KEY_RSA(modulus(ak)));
  }

  TPMT_PUBLIC ekArea() {
    return new TPMT_PUBLIC(
        TPM_ALG_ID.SHA256,
        EK_ATTRIBUTES,
        new byte[32],
        new TPMS_RSA_PARMS(
            new TPMT_SYM_DEF_OBJECT(TPM_ALG_ID.AES, 128, TPM_ALG_ID.CFB),
            new TPMS_NULL_ASYM_SCHEME(),
            2048,
            0),
        new TPM2B_PUBLIC_KEY_RSA(modulus(ek)));
  }

  byte[] akPublic() {
    return akArea().toBytes();
  }

  byte[] ekPublic() {
    return ekArea().toBytes();
  }

  void extend(int index, byte[] measurement) {
    pcrs.put(index, sha256(pcrs.get(index), sha256(measurement)));
  }

  /** A quote over the SHA-256 bank, with the PCR values a node would send along. */
  Quote quote(byte[] nonce, Collection<Integer> indices) {
    byte[] attest = attest(nonce, TPM_ALG_ID.SHA256, indices);
    SortedMap<Integer, String> values = new TreeMap<>();
    indices.forEach(i -> values.put(i, HexFormat.of().formatHex(pcrs.get(i))));
    return new Quote(attest, sign(ak.getPrivate(), attest), values);
  }

  byte[] attest(byte[] nonce, TPM_ALG_ID bank, Collection<Integer> indices) {
    byte[][] selected = indices.stream().sorted().map(pcrs::get).toArray(byte[][]::new);
    int[] selection = indices.stream().mapToInt(Integer::intValue).toArray();
    return new TPMS_ATTEST(
            TPM_GENERATED.VALUE,
            new byte[34],
            nonce,
            new TPMS_CLOCK_INFO(12345, 1, 0, (byte) 1),
            0x2019102300160000L,
            new TPMS_QUOTE_INFO(
                new TPMS_PCR_SELECTION[] {new TPMS_PCR_SELECTION(bank, selection)},
                sha256(selected)))
        .toBytes();
  }

  static byte[] sign(PrivateKey key, byte[] attest) {
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update(attest);
      return new TPMT_SIGNATURE(new TPMS_SIGNATURE_RSASSA(TPM_ALG_ID.SHA256, rsa.sign())).toBytes();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * TPM2_ActivateCredential in software, for a key named {@code akName}.
   *
   * @throws IllegalStateException when the integrity check fails, as the TPM would
   */
  byte[] activateCredential(byte[] akName, byte[] credentialBlob, byte[] encryptedSecret)
      throws GeneralSecurityException {
    Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
    oaep.init(
        Cipher.DECRYPT_MODE,
        ek.getPrivate(),
        new OAEPParameterSpec(
            "SHA-256",
            "MGF1",
            MGF1ParameterSpec.SHA256,
            new PSource.PSpecified(label("IDENTITY"))));
    byte[] seed = oaep.doFinal(encryptedSecret);
    ByteBuffer blob = ByteBuffer.wrap(credentialBlob);
    byte[] integrity = new byte[blob.getShort()];
    blob.get(integrity);
    byte[] encIdentity = new byte[blob.remaining()];
    blob.get(encIdentity);
    Mac hmac = Mac.getInstance("HmacSHA256");
    hmac.init(
        new SecretKeySpec(
            CredentialMaker.kdfa(seed, label("INTEGRITY"), new byte[0], 256), "HmacSHA256"));
    hmac.update(encIdentity);
    if (!MessageDigest.isEqual(integrity, hmac.doFinal(akName))) {
      throw new IllegalStateException("TPM_RC_INTEGRITY");
    }
    Cipher aes = Cipher.getInstance("AES/CFB/NoPadding");
    aes.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(CredentialMaker.kdfa(seed, label("STORAGE"), akName, 128), "AES"),
        new IvParameterSpec(new byte[16]));
    ByteBuffer credential = ByteBuffer.wrap(aes.doFinal(encIdentity));
    byte[] secret = new byte[credential.getShort()];
    credential.get(secret);
    return secret;
  }

  static byte[] modulus(KeyPair keys) {
    BigInteger n = ((RSAPublicKey) keys.getPublic()).getModulus();
    byte[] bytes = n.toByteArray();
    return Arrays.copyOfRange(bytes, bytes.length - 256, bytes.length);
  }

  static byte[] sha256(byte[]... parts) {
    return Sha256.digest(parts);
  }

  private static byte[] label(String text) {
    return (text + '\0').getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
