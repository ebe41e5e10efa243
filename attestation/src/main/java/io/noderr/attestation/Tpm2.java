package io.noderr.attestation;

/** The TPM 2.0 constants (TPM 2.0 Part 2) the verifier checks evidence against. */
final class Tpm2 {

  static final int ALG_RSA = 0x0001;
  static final int ALG_AES = 0x0006;
  static final int ALG_SHA256 = 0x000B;
  static final int ALG_NULL = 0x0010;
  static final int ALG_RSASSA = 0x0014;
  static final int ALG_RSAES = 0x0015;
  static final int ALG_CFB = 0x0043;

  static final long GENERATED_VALUE = 0xFF544347L;
  static final int ST_ATTEST_QUOTE = 0x8018;

  static final int SHA256_SIZE = 32;
  static final int RSA_2048_BYTES = 256;
  static final long DEFAULT_RSA_EXPONENT = 65537;

  // TPMA_OBJECT bits
  static final int FIXED_TPM = 1 << 1;
  static final int FIXED_PARENT = 1 << 4;
  static final int SENSITIVE_DATA_ORIGIN = 1 << 5;
  static final int RESTRICTED = 1 << 16;
  static final int DECRYPT = 1 << 17;
  static final int SIGN = 1 << 18;

  /** The attributes that make a key a TPM-resident key whose private part never left the TPM. */
  static final int TPM_RESIDENT = FIXED_TPM | FIXED_PARENT | SENSITIVE_DATA_ORIGIN;

  private Tpm2() {}
}
