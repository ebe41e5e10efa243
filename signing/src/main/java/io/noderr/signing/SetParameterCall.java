package io.noderr.signing;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * One {@code NoderrParameters.setParameter(string name, uint256 value)} call, the only call of a
 * PARAMETER-tier proposal: encoded by whoever builds the proposal and decoded by whoever shows or
 * checks it (a signer's summary, the platform's range check before relaying).
 */
public record SetParameterCall(String name, BigInteger value) {

  public static final String SIGNATURE = "setParameter(string,uint256)";
  private static final byte[] SELECTOR =
      Arrays.copyOf(Hash.sha3(SIGNATURE.getBytes(StandardCharsets.US_ASCII)), 4);
  private static final int WORD = 32;

  public SetParameterCall {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a parameter name is required");
    }
    if (value == null || value.signum() < 0 || value.bitLength() > 256) {
      throw new IllegalArgumentException("a parameter value is a uint256, was " + value);
    }
  }

  /** The ABI-encoded call, 0x-hex, as a proposal's calldata carries it. */
  public String encode() {
    byte[] text = name.getBytes(StandardCharsets.UTF_8);
    int padded = (text.length + WORD - 1) / WORD * WORD;
    byte[] data = new byte[4 + 3 * WORD + padded];
    System.arraycopy(SELECTOR, 0, data, 0, 4);
    System.arraycopy(Abi.uint(BigInteger.valueOf(2 * WORD)), 0, data, 4, WORD);
    System.arraycopy(Abi.uint(value), 0, data, 4 + WORD, WORD);
    System.arraycopy(Abi.uint(BigInteger.valueOf(text.length)), 0, data, 4 + 2 * WORD, WORD);
    System.arraycopy(text, 0, data, 4 + 3 * WORD, text.length);
    return Numeric.toHexString(data);
  }

  /** Whether {@code calldata} calls {@code setParameter} (well-formed or not). */
  public static boolean selects(String calldata) {
    return calldata != null
        && calldata.length() >= 10
        && calldata.substring(0, 10).equalsIgnoreCase(Numeric.toHexString(SELECTOR));
  }

  /**
   * The call {@code calldata} encodes, or empty when it is not a well-formed {@code setParameter}
   * call (another function, truncated data, a name that is not UTF-8).
   */
  public static Optional<SetParameterCall> decode(String calldata) {
    byte[] data;
    try {
      data = Numeric.hexStringToByteArray(calldata);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (data.length < 4 + 3 * WORD || !Arrays.equals(Arrays.copyOf(data, 4), SELECTOR)) {
      return Optional.empty();
    }
    BigInteger offset = word(data, 0);
    BigInteger value = word(data, 1);
    if (offset.compareTo(BigInteger.valueOf(data.length)) >= 0) {
      return Optional.empty();
    }
    int start = 4 + offset.intValueExact();
    if (start + WORD > data.length) {
      return Optional.empty();
    }
    BigInteger length = new BigInteger(1, Arrays.copyOfRange(data, start, start + WORD));
    if (length.compareTo(BigInteger.valueOf(data.length - start - WORD)) > 0) {
      return Optional.empty();
    }
    byte[] text = Arrays.copyOfRange(data, start + WORD, start + WORD + length.intValueExact());
    try {
      String name =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(text))
              .toString();
      return name.isBlank() ? Optional.empty() : Optional.of(new SetParameterCall(name, value));
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static BigInteger word(byte[] data, int index) {
    int from = 4 + index * WORD;
    return new BigInteger(1, Arrays.copyOfRange(data, from, from + WORD));
  }
}
