package io.noderr.worker.beacon;

import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Transactions the platform relays to one kind of contract from the beacon's sender account: each
 * is run as a call first, so a refusal costs no gas and names the contract's error (from the error
 * signatures given), then sent under the beacon's transaction lock.
 */
public final class SimulatedRelay {

  private final ChainBeacon beacon;
  private final String contract;
  private final Map<String, String> errors;

  /**
   * @param contract how a refusal names the contract ("the governor")
   * @param errorSignatures the contract's custom errors, e.g. {@code "Expired(uint256)"}
   */
  public SimulatedRelay(ChainBeacon beacon, String contract, List<String> errorSignatures) {
    this.beacon = beacon;
    this.contract = contract;
    this.errors =
        errorSignatures.stream()
            .collect(Collectors.toMap(SimulatedRelay::selector, Function.identity()));
  }

  /** Simulates the call to {@code to}, then sends it; a refusal fails with {@code refusalType}. */
  public TransactionReceipt send(String to, String data, String refusalType) throws IOException {
    Optional<String> refusal = refusal(to, data);
    if (refusal.isPresent()) {
      throw ApplicationFailure.newNonRetryableFailure(
          contract + " refused: " + refusal.get(), refusalType);
    }
    TransactionReceipt receipt = beacon.relay(to, data);
    if (!receipt.isStatusOK()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "transaction "
              + receipt.getTransactionHash()
              + " reverted in block "
              + receipt.getBlockNumber()
              + " although its simulation passed",
          refusalType);
    }
    return receipt;
  }

  /** How the call would be refused (the error's name and arguments), or empty when it passes. */
  public Optional<String> refusal(String to, String data) throws IOException {
    return beacon.simulateCall(to, data).map(revert -> explain(revert.data(), revert.message()));
  }

  /** The contract error's name and arguments as hex, or the node's message. */
  String explain(String revertData, String message) {
    if (revertData != null) {
      String hex = revertData.substring(Math.max(0, revertData.indexOf("0x")));
      if (hex.length() >= 10) {
        String name = errors.get(hex.substring(0, 10).toLowerCase(Locale.ROOT));
        if (name != null) {
          return name + (hex.length() > 10 ? " " + hex.substring(10) : "");
        }
      }
      return "revert " + hex;
    }
    return String.valueOf(message);
  }

  private static String selector(String signature) {
    return Numeric.toHexString(Hash.sha3(signature.getBytes(StandardCharsets.UTF_8)))
        .substring(0, 10);
  }
}
