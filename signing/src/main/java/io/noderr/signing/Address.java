package io.noderr.signing;

import java.util.Locale;
import java.util.regex.Pattern;
import org.web3j.crypto.Keys;

/** An Ethereum account address, kept lower-case so equal addresses compare and sort equal. */
public record Address(String value) implements Comparable<Address> {

  private static final Pattern FORM = Pattern.compile("^0x[0-9a-fA-F]{40}$");

  public Address {
    if (value == null || !FORM.matcher(value.trim()).matches()) {
      throw new IllegalArgumentException(
          "'" + value + "' is not an address (0x followed by 40 hex digits)");
    }
    value = value.trim().toLowerCase(Locale.ROOT);
  }

  public static Address of(String text) {
    return new Address(text);
  }

  /** The EIP-55 mixed-case form people compare against their wallets. */
  public String checksummed() {
    return Keys.toChecksumAddress(value);
  }

  /** Ascending numeric order, which for equal-length lower-case hex is string order. */
  @Override
  public int compareTo(Address other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
