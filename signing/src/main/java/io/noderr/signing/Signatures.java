package io.noderr.signing;

import java.math.BigInteger;
import java.util.regex.Pattern;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * 65-byte secp256k1 signatures (r ‖ s ‖ v) over EIP-712 digests, checked by the same rules as
 * NoderrMultisig on chain: v is 27/28 (0/1 accepted), s in the lower half of the curve order (the
 * high-s twin of a signature is refused), and the recovered key is the signer.
 */
public final class Signatures {

  private static final Pattern HEX_65 = Pattern.compile("^0x[0-9a-fA-F]{130}$");
  private static final BigInteger ORDER = Sign.CURVE_PARAMS.getN();
  private static final BigInteger HALF_ORDER = ORDER.shiftRight(1);

  private Signatures() {}

  /**
   * The address whose key produced {@code signature} over {@code digest}.
   *
   * @throws InvalidSignatureException when the signature is malformed or recovers no key
   */
  public static Address recover(byte[] digest, String signature) {
    if (signature == null || !HEX_65.matcher(signature.trim()).matches()) {
      throw new InvalidSignatureException(
          "signature must be 0x followed by 130 hex digits (65 bytes: r, s, v)");
    }
    byte[] bytes = Numeric.hexStringToByteArray(signature.trim());
    BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(bytes, 0, 32));
    BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(bytes, 32, 64));
    int v = bytes[64] & 0xff;
    if (v < 27) {
      v += 27;
    }
    if (v != 27 && v != 28) {
      throw new InvalidSignatureException("signature recovery byte v must be 27 or 28");
    }
    if (r.signum() == 0 || r.compareTo(ORDER) >= 0 || s.signum() == 0) {
      throw new InvalidSignatureException("signature r or s is out of range");
    }
    if (s.compareTo(HALF_ORDER) > 0) {
      throw new InvalidSignatureException(
          "signature has a high s value (malleable form); the multisig accepts only low-s");
    }
    BigInteger publicKey = Sign.recoverFromSignature(v - 27, new ECDSASignature(r, s), digest);
    if (publicKey == null) {
      throw new InvalidSignatureException("signature does not recover to any key");
    }
    return Address.of(Numeric.prependHexPrefix(Keys.getAddress(publicKey)));
  }

  /** Signs {@code digest} as is (no message prefix) and returns the 65-byte hex signature. */
  public static String sign(byte[] digest, ECKeyPair key) {
    Sign.SignatureData data = Sign.signMessage(digest, key, false);
    byte[] bytes = new byte[65];
    System.arraycopy(data.getR(), 0, bytes, 0, 32);
    System.arraycopy(data.getS(), 0, bytes, 32, 32);
    bytes[64] = data.getV()[0];
    return Numeric.toHexString(bytes);
  }

  /** The address of a key pair. */
  public static Address addressOf(ECKeyPair key) {
    return Address.of(Numeric.prependHexPrefix(Keys.getAddress(key)));
  }

  /** Thrown for signatures the multisig would refuse; the message is fit for the signer. */
  public static final class InvalidSignatureException extends IllegalArgumentException {
    public InvalidSignatureException(String message) {
      super(message);
    }
  }
}
