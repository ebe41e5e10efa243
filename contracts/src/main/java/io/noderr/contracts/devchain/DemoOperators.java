package io.noderr.contracts.devchain;

import io.noderr.signing.Address;
import io.noderr.signing.Signatures;
import java.util.List;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

/**
 * PUBLICLY KNOWN demo operator keys: accounts 4, 5 and 6 of ganache's {@code
 * --wallet.deterministic} wallet (accounts 1-3 are the demo signers, 0 the deployer), funded with
 * ether for gas by ganache and with demo stake tokens by the dev chain deployment. Never use them
 * for anything of value.
 */
public final class DemoOperators {

  private static final List<String> KEYS =
      List.of(
          "0xadd53f9a7e588d003326d1cbf9e4a43c061aadd9bc938c843a79e7b4fd2ad743",
          "0x395df67f0c2d2d9fe1ad08d1bc8b6627011959b79c53d7dd6a3536a33ab8a4fd",
          "0xe485d098507f54e7733a205420dfddbe58db035fa577fc294ebd14db90767a52");

  private DemoOperators() {}

  /** Demo operator {@code number} (1-3). */
  public static ECKeyPair key(int number) {
    if (number < 1 || number > KEYS.size()) {
      throw new IllegalArgumentException("demo operators are numbered 1 to " + KEYS.size());
    }
    return ECKeyPair.create(Numeric.toBigInt(KEYS.get(number - 1)));
  }

  public static List<Address> addresses() {
    return KEYS.stream()
        .map(k -> Signatures.addressOf(ECKeyPair.create(Numeric.toBigInt(k))))
        .toList();
  }
}
