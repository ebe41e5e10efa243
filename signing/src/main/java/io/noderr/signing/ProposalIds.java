package io.noderr.signing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * OpenZeppelin Governor's proposal id, computed off chain: {@code uint256(keccak256(abi.encode(
 * targets, values, calldatas, keccak256(bytes(description)))))} ({@code hashProposal}). It is known
 * before the proposal is submitted, so the platform names the proposal's workflow after it.
 */
public final class ProposalIds {

  private ProposalIds() {}

  /**
   * @param calldatas 0x-hex
   * @throws IllegalArgumentException when the lists differ in length, are empty, or a calldata is
   *     not hex
   */
  public static BigInteger of(
      List<Address> targets, List<BigInteger> values, List<String> calldatas, String description) {
    if (targets.isEmpty()
        || targets.size() != values.size()
        || targets.size() != calldatas.size()) {
      throw new IllegalArgumentException(
          "a proposal needs at least one call and as many targets, values and calldatas ("
              + targets.size()
              + ", "
              + values.size()
              + ", "
              + calldatas.size()
              + ")");
    }
    List<byte[]> datas = calldatas.stream().map(ProposalIds::hexBytes).toList();
    byte[] descriptionHash = Hash.sha3(description.getBytes(StandardCharsets.UTF_8));

    byte[] targetsTail = array(targets.stream().map(Abi::address).toList());
    byte[] valuesTail = array(values.stream().map(Abi::uint).toList());
    byte[] datasTail = bytesArray(datas);

    long headSize = 4 * 32;
    byte[] encoded =
        concat(
            List.of(
                word(headSize),
                word(headSize + targetsTail.length),
                word(headSize + targetsTail.length + valuesTail.length),
                descriptionHash,
                targetsTail,
                valuesTail,
                datasTail));
    return new BigInteger(1, Hash.sha3(encoded));
  }

  /** A dynamic array of static words: its length, then the words. */
  private static byte[] array(List<byte[]> words) {
    List<byte[]> parts = new ArrayList<>();
    parts.add(word(words.size()));
    parts.addAll(words);
    return concat(parts);
  }

  /** {@code bytes[]}: length, one offset per element (from after the length), the elements. */
  private static byte[] bytesArray(List<byte[]> elements) {
    List<byte[]> parts = new ArrayList<>();
    parts.add(word(elements.size()));
    long offset = 32L * elements.size();
    for (byte[] element : elements) {
      parts.add(word(offset));
      offset += 32 + padded(element.length);
    }
    for (byte[] element : elements) {
      parts.add(word(element.length));
      byte[] data = new byte[padded(element.length)];
      System.arraycopy(element, 0, data, 0, element.length);
      parts.add(data);
    }
    return concat(parts);
  }

  private static int padded(int length) {
    return (length + 31) / 32 * 32;
  }

  private static byte[] word(long value) {
    return Abi.uint(BigInteger.valueOf(value));
  }

  private static byte[] hexBytes(String hex) {
    if (hex == null || !hex.matches("^0x([0-9a-fA-F]{2})*$")) {
      throw new IllegalArgumentException("calldata must be 0x-prefixed hex bytes, got " + hex);
    }
    return Numeric.hexStringToByteArray(hex);
  }

  private static byte[] concat(List<byte[]> parts) {
    byte[] all = new byte[parts.stream().mapToInt(p -> p.length).sum()];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
