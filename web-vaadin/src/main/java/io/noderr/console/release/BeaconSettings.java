package io.noderr.console.release;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The part of the worker's {@code noderr.beacon} settings the console shows: whether releases go to
 * a chain or to the local PostgreSQL beacon, and the local multisig's threshold and guardian
 * mandate (to say what one guardian's pause does before anyone presses the red button). The console
 * never needs the sender keystore.
 */
@ConfigurationProperties("noderr.beacon")
public record BeaconSettings(
    String rpcUrl, Long chainId, String multisigAddress, @DefaultValue Local local) {

  /**
   * {@code noderr.beacon.local.*} as configured; the local multisig's own changed signer set, when
   * it has one, overrides the threshold.
   */
  public record Local(Integer threshold, @DefaultValue("24h") Duration mandate) {}

  public boolean onChain() {
    return rpcUrl != null && !rpcUrl.isBlank();
  }

  /** One line for the console's banner; never the RPC URL (it may carry an API key). */
  public String describe() {
    if (!onChain()) {
      return "Local beacon (PostgreSQL), not on chain: releases are approved by signatures and"
          + " recorded here only. Run ./noderr chain for a local dev chain, or configure"
          + " noderr.beacon.rpc-url.";
    }
    return "On chain " + chainId + ", multisig " + multisigAddress;
  }
}
