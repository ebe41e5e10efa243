package io.noderr.attestation;

import static io.noderr.attestation.AttestationException.Reason.AK_NOT_ACCEPTABLE;
import static io.noderr.attestation.AttestationException.Reason.EK_CERTIFICATE_MISMATCH;
import static io.noderr.attestation.AttestationException.Reason.EK_NOT_ACCEPTABLE;
import static io.noderr.attestation.AttestationException.Reason.MALFORMED_EVIDENCE;
import static io.noderr.attestation.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tss.tpm.TPM2B_PUBLIC_KEY_RSA;
import tss.tpm.TPMA_OBJECT;
import tss.tpm.TPMS_ECC_PARMS;
import tss.tpm.TPMS_ECC_POINT;
import tss.tpm.TPMS_NULL_KDF_SCHEME;
import tss.tpm.TPMS_RSA_PARMS;
import tss.tpm.TPMS_SIG_SCHEME_ECDSA;
import tss.tpm.TPMS_SIG_SCHEME_RSAPSS;
import tss.tpm.TPMS_SIG_SCHEME_RSASSA;
import tss.tpm.TPMT_PUBLIC;
import tss.tpm.TPMT_SYM_DEF_OBJECT;
import tss.tpm.TPM_ALG_ID;
import tss.tpm.TPM_ECC_CURVE;

class KeyPolicyTest {

  private final SoftwareTpm tpm = new SoftwareTpm();

  @Test
  void ak_isAccepted_andNamedLikeTheTpmNamesIt() {
    RsaPublicArea ak = AttestationKey.parse(tpm.akPublic());

    assertThat(ak.name()).isEqualTo(tpm.akArea().getName());
    assertThat(ak.publicKey()).isEqualTo(tpm.ak.getPublic());
  }

  @Test
  void ak_isRejected_whenItCanDecrypt() {
    TPMT_PUBLIC area = tpm.akArea();
    area.objectAttributes =
        new TPMA_OBJECT(SoftwareTpm.AK_ATTRIBUTES.toInt() | TPMA_OBJECT.decrypt.toInt());

    assertRejected(() -> AttestationKey.parse(area.toBytes()), AK_NOT_ACCEPTABLE);
  }

  @Test
  void ak_isRejected_whenNotRestricted() {
    TPMT_PUBLIC area = tpm.akArea();
    area.objectAttributes =
        new TPMA_OBJECT(SoftwareTpm.AK_ATTRIBUTES.toInt() & ~TPMA_OBJECT.restricted.toInt());

    assertRejected(() -> AttestationKey.parse(area.toBytes()), AK_NOT_ACCEPTABLE);
  }

  @Test
  void ak_isRejected_whenNotFixedToTheTpm() {
    TPMT_PUBLIC area = tpm.akArea();
    area.objectAttributes =
        new TPMA_OBJECT(SoftwareTpm.AK_ATTRIBUTES.toInt() & ~TPMA_OBJECT.fixedTPM.toInt());

    assertRejected(() -> AttestationKey.parse(area.toBytes()), AK_NOT_ACCEPTABLE);
  }

  @Test
  void ak_isRejected_withAnotherSchemeOrNameAlgorithm() {
    TPMT_PUBLIC pss = tpm.akArea();
    pss.parameters =
        new TPMS_RSA_PARMS(
            new TPMT_SYM_DEF_OBJECT(), new TPMS_SIG_SCHEME_RSAPSS(TPM_ALG_ID.SHA256), 2048, 0);
    TPMT_PUBLIC sha1 = tpm.akArea();
    sha1.parameters =
        new TPMS_RSA_PARMS(
            new TPMT_SYM_DEF_OBJECT(), new TPMS_SIG_SCHEME_RSASSA(TPM_ALG_ID.SHA1), 2048, 0);
    TPMT_PUBLIC sha1Name = tpm.akArea();
    sha1Name.nameAlg = TPM_ALG_ID.SHA1;

    assertRejected(() -> AttestationKey.parse(pss.toBytes()), AK_NOT_ACCEPTABLE);
    assertRejected(() -> AttestationKey.parse(sha1.toBytes()), AK_NOT_ACCEPTABLE);
    assertRejected(() -> AttestationKey.parse(sha1Name.toBytes()), AK_NOT_ACCEPTABLE);
  }

  @Test
  void ak_isRejected_whenSmallerThan2048Bits() {
    TPMT_PUBLIC area = tpm.akArea();
    area.parameters =
        new TPMS_RSA_PARMS(
            new TPMT_SYM_DEF_OBJECT(), new TPMS_SIG_SCHEME_RSASSA(TPM_ALG_ID.SHA256), 1024, 0);
    area.unique = new TPM2B_PUBLIC_KEY_RSA(new byte[128]);

    assertRejected(() -> AttestationKey.parse(area.toBytes()), AK_NOT_ACCEPTABLE);
  }

  @Test
  void ak_isRejected_whenAnEccKey() {
    TPMT_PUBLIC ecc =
        new TPMT_PUBLIC(
            TPM_ALG_ID.SHA256,
            SoftwareTpm.AK_ATTRIBUTES,
            new byte[0],
            new TPMS_ECC_PARMS(
                new TPMT_SYM_DEF_OBJECT(),
                new TPMS_SIG_SCHEME_ECDSA(TPM_ALG_ID.SHA256),
                TPM_ECC_CURVE.NIST_P256,
                new TPMS_NULL_KDF_SCHEME()),
            new TPMS_ECC_POINT(new byte[32], new byte[32]));

    assertThatThrownBy(() -> AttestationKey.parse(ecc.toBytes()))
        .isInstanceOf(AttestationException.class)
        .hasMessage("the AK public area is not an RSA key");
  }

  @Test
  void publicArea_isMalformed_whenMissingTruncatedPaddedOrOversized() {
    byte[] valid = tpm.akPublic();

    assertRejected(() -> AttestationKey.parse(null), MALFORMED_EVIDENCE);
    assertRejected(() -> AttestationKey.parse(new byte[0]), MALFORMED_EVIDENCE);
    for (int length = 2; length < valid.length; length++) {
      byte[] truncated = Arrays.copyOf(valid, length);
      assertRejected(() -> AttestationKey.parse(truncated), MALFORMED_EVIDENCE);
    }
    assertRejected(
        () -> AttestationKey.parse(Arrays.copyOf(valid, valid.length + 1)), MALFORMED_EVIDENCE);
    assertRejected(() -> AttestationKey.parse(new byte[2049]), MALFORMED_EVIDENCE);
  }

  @Test
  void publicArea_garbageAndMutations_areAlwaysRejectedWithAReason() {
    Random random = new Random(42);
    byte[] valid = tpm.akPublic();
    for (int round = 0; round < 5_000; round++) {
      byte[] input;
      if (round % 2 == 0) {
        input = new byte[random.nextInt(600)];
        random.nextBytes(input);
      } else {
        input = valid.clone();
        input[random.nextInt(input.length)] = (byte) random.nextInt();
      }
      try {
        AttestationKey.parse(input);
        EndorsementKey.parse(input);
      } catch (AttestationException expected) {
        // any reason will do; anything else escaping the parser is the bug we look for
      }
    }
  }

  @Test
  void ek_isAccepted_andBoundToItsCertificate() {
    TestCertificates.Ca ca = TestCertificates.rootCa("Manufacturer");
    RsaPublicArea ek = EndorsementKey.parse(tpm.ekPublic());

    EndorsementKey.requireCertifiedBy(ek, TestCertificates.ekCertificate(ca, tpm.ek.getPublic()));
  }

  @Test
  void ek_isRejected_whenItsCertificateCertifiesAnotherKey() {
    TestCertificates.Ca ca = TestCertificates.rootCa("Manufacturer");
    RsaPublicArea ek = EndorsementKey.parse(tpm.ekPublic());
    var otherKeysCertificate =
        TestCertificates.ekCertificate(ca, SoftwareTpm.rsa2048().getPublic());

    assertRejected(
        () -> EndorsementKey.requireCertifiedBy(ek, otherKeysCertificate), EK_CERTIFICATE_MISMATCH);
  }

  @Test
  void ek_isRejected_whenASigningKey() {
    assertRejected(() -> EndorsementKey.parse(tpm.akPublic()), EK_NOT_ACCEPTABLE);
  }
}
