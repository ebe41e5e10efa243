package io.noderr.attestation;

import java.nio.ByteBuffer;

/**
 * Reads TPM 2.0 wire structures (big-endian, sizes in front) from bytes a node sent. We parse the
 * few structures we need ourselves rather than with TSS.Java: its unmarshaller reads past the end
 * as zeros, ignores trailing bytes and allocates arrays of whatever length the input claims. Here
 * every read is bounds-checked and any violation is {@code MALFORMED_EVIDENCE}.
 */
final class TpmReader {

  private final ByteBuffer buffer;
  private final String what;

  /**
   * @param what names the structure in error messages, e.g. "the AK public area"
   */
  TpmReader(byte[] bytes, int maxSize, String what) {
    this.what = what;
    if (bytes == null || bytes.length == 0) {
      throw malformed("is missing");
    }
    if (bytes.length > maxSize) {
      throw malformed("is larger than " + maxSize + " bytes");
    }
    this.buffer = ByteBuffer.wrap(bytes);
  }

  int u8() {
    require(1);
    return Byte.toUnsignedInt(buffer.get());
  }

  int u16() {
    require(2);
    return Short.toUnsignedInt(buffer.getShort());
  }

  long u32() {
    require(4);
    return Integer.toUnsignedLong(buffer.getInt());
  }

  long u64() {
    require(8);
    return buffer.getLong();
  }

  byte[] bytes(int length) {
    require(length);
    byte[] out = new byte[length];
    buffer.get(out);
    return out;
  }

  /** A TPM2B: a 16-bit size followed by that many bytes. */
  byte[] sized() {
    return bytes(u16());
  }

  void expectEnd() {
    if (buffer.hasRemaining()) {
      throw malformed("has trailing bytes");
    }
  }

  AttestationException malformed(String problem) {
    return new AttestationException(
        AttestationException.Reason.MALFORMED_EVIDENCE, what + " " + problem);
  }

  private void require(int length) {
    if (length > buffer.remaining()) {
      throw malformed("is truncated");
    }
  }
}
