package io.noderr.signing;

import java.math.BigInteger;
import java.util.List;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

/**
 * PUBLICLY KNOWN demo keys: accounts 1-3 of ganache's {@code --wallet.deterministic} wallet (the
 * mnemonic "myth like bonus scare ..."), printed by ganache itself on every start. Used only by the
 * demo profile, {@code ./noderr chain} and the tests; never for anything of value. Account 0 of the
 * same wallet is the dev chain's transaction sender.
 */
public final class DemoSigners {

  /** Private keys of demo signers #1, #2, #3 (ganache deterministic accounts 1, 2, 3). */
  private static final List<String> KEYS =
      List.of(
          "0x6cbed15c793ce57650b9877cf6fa156fbef513c4e6134f022a85b1ffdd59b2a1",
          "0x6370fd033278c143179d81c5526140625662b8daa446c22ee2d73db3707e620c",
          "0x646f1ce2fdad0e6deeeb5c7e8e5543bdde65e86029e2fd9fc169899c440a7913");

  /** Ganache deterministic account 0: the dev chain's funded deployer and transaction sender. */
  public static final String DEV_CHAIN_SENDER_KEY =
      "0x4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d";

  /** The demo multisig's threshold: two of the three demo signers. */
  public static final int THRESHOLD = 2;

  /** The demo multisig's only guardian: demo signer #1. */
  public static final int GUARDIAN = 1;

  /** How long the demo guardian's pause lasts unless the quorum ratifies it: 24 hours. */
  public static final long MANDATE_SECONDS = 24 * 60 * 60;

  private DemoSigners() {}

  /** Demo signer {@code number} (1-3). */
  public static ECKeyPair key(int number) {
    if (number < 1 || number > KEYS.size()) {
      throw new IllegalArgumentException("demo signers are numbered 1 to " + KEYS.size());
    }
    return ECKeyPair.create(Numeric.toBigInt(KEYS.get(number - 1)));
  }

  public static List<ECKeyPair> keys() {
    return KEYS.stream().map(k -> ECKeyPair.create(Numeric.toBigInt(k))).toList();
  }

  public static List<Address> addresses() {
    return keys().stream().map(Signatures::addressOf).toList();
  }

  public static ECKeyPair devChainSender() {
    return ECKeyPair.create(new BigInteger(DEV_CHAIN_SENDER_KEY.substring(2), 16));
  }
}
