package io.noderr.signing;

import java.math.BigInteger;
import java.util.Map;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/** The few abi.encode word encodings EIP-712 struct hashing needs. */
final class Abi {

  private Abi() {}

  static byte[] uint(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 256) {
      throw new IllegalArgumentException("value does not fit a uint256: " + value);
    }
    return Numeric.toBytesPadded(value, 32);
  }

  static byte[] address(Address address) {
    return Numeric.toBytesPadded(Numeric.toBigInt(address.value()), 32);
  }

  static byte[] bool(boolean value) {
    return uint(value ? BigInteger.ONE : BigInteger.ZERO);
  }

  /** keccak256 of the concatenation of 32-byte words. */
  static byte[] keccakWords(byte[]... words) {
    byte[] packed = new byte[32 * words.length];
    for (int i = 0; i < words.length; i++) {
      if (words[i].length != 32) {
        throw new IllegalStateException("abi word " + i + " is " + words[i].length + " bytes");
      }
      System.arraycopy(words[i], 0, packed, 32 * i, 32);
    }
    return Hash.sha3(packed);
  }

  /** keccak256("\x19\x01" ‖ domainSeparator ‖ structHash): the EIP-712 digest a signer signs. */
  static byte[] typedDataDigest(byte[] domainSeparator, byte[] structHash) {
    byte[] packed = new byte[2 + 32 + 32];
    packed[0] = 0x19;
    packed[1] = 0x01;
    System.arraycopy(domainSeparator, 0, packed, 2, 32);
    System.arraycopy(structHash, 0, packed, 34, 32);
    return Hash.sha3(packed);
  }

  static Map<String, String> field(String name, String type) {
    return Map.of("name", name, "type", type);
  }
}
