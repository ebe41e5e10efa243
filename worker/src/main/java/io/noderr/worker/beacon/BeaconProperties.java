package io.noderr.worker.beacon;

import io.noderr.signing.Address;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The version beacon ({@code noderr.beacon.*}): a NoderrMultisig and its VersionBeacon on an EVM
 * chain when {@code rpc-url} is set, else the local beacon in PostgreSQL.
 *
 * @param rpcUrl JSON-RPC endpoint; may carry an API key in its path or query, so it is never logged
 *     whole (see {@link RpcEndpoint#redacted})
 * @param chainId the chain the endpoint must serve (checked at start)
 * @param multisigAddress the NoderrMultisig that owns the beacon
 * @param beaconAddress optional; when set, must be the multisig's beacon (checked at start)
 * @param senderKeystore web3j/geth keystore JSON of the account that pays for publications
 * @param senderKeystorePassword the keystore's password (from NODERR_BEACON_SENDER_PASSWORD)
 * @param pollInterval how often the follower looks for new blocks
 * @param confirmations blocks the follower stays behind the head (reorg safety)
 * @param startBlock where the follower starts reading a beacon it has never read (its deployment)
 * @param maxBlockRange the most blocks one {@code eth_getLogs} asks for (providers cap ranges)
 * @param gasLimit gas limit of a publication transaction
 * @param receiptTimeout how long a publication waits for its receipt before the attempt fails
 */
@Validated
@ConfigurationProperties("noderr.beacon")
public record BeaconProperties(
    String rpcUrl,
    Long chainId,
    Address multisigAddress,
    Address beaconAddress,
    Path senderKeystore,
    String senderKeystorePassword,
    @NotNull @DurationMin(millis = 10) @DefaultValue("2s") Duration pollInterval,
    @PositiveOrZero @DefaultValue("0") int confirmations,
    @PositiveOrZero @DefaultValue("0") long startBlock,
    @Positive @DefaultValue("2000") int maxBlockRange,
    @Positive @DefaultValue("1000000") long gasLimit,
    @NotNull @DurationMin(seconds = 1) @DefaultValue("2m") Duration receiptTimeout,
    @NotNull @Valid @DefaultValue Local local) {

  /** True when an RPC endpoint is configured: the beacon is on chain. */
  public boolean onChain() {
    return rpcUrl != null && !rpcUrl.isBlank();
  }

  @AssertTrue(
      message =
          "with noderr.beacon.rpc-url set, noderr.beacon.chain-id, multisig-address and"
              + " sender-keystore are required")
  public boolean isChainConfigurationComplete() {
    return !onChain()
        || (chainId != null && chainId > 0 && multisigAddress != null && senderKeystore != null);
  }

  /** Without the RPC URL's path and query (API keys) and without the keystore password. */
  @Override
  public String toString() {
    return "BeaconProperties[rpcUrl="
        + (onChain() ? RpcEndpoint.redacted(rpcUrl) : "")
        + ", chainId="
        + chainId
        + ", multisigAddress="
        + multisigAddress
        + ", beaconAddress="
        + beaconAddress
        + ", senderKeystore="
        + senderKeystore
        + ", senderKeystorePassword="
        + (senderKeystorePassword == null ? "null" : "***")
        + ", pollInterval="
        + pollInterval
        + ", confirmations="
        + confirmations
        + ", startBlock="
        + startBlock
        + ", maxBlockRange="
        + maxBlockRange
        + ", gasLimit="
        + gasLimit
        + ", receiptTimeout="
        + receiptTimeout
        + ", local="
        + local
        + "]";
  }

  /**
   * The local beacon's multisig ({@code noderr.beacon.local.*}), used when no chain is configured.
   *
   * @param chainId the chain id of its EIP-712 domain (signers' wallets show it)
   * @param signers the signer set; empty means the local beacon cannot publish. Once the local
   *     multisig changed its signers itself (changeSigners), the changed set applies instead
   * @param threshold signatures needed; required with signers
   * @param guardians the signers who may pause tiers alone, for the mandate; must be signers
   * @param mandate how long one guardian's pause lasts unless the quorum ratifies it
   */
  public record Local(
      @Positive @DefaultValue("1337") long chainId,
      @NotNull @DefaultValue List<Address> signers,
      Integer threshold,
      @NotNull @DefaultValue List<Address> guardians,
      @NotNull @DurationMin(seconds = 1) @DefaultValue("24h") Duration mandate) {

    public Local {
      signers = List.copyOf(signers);
      guardians = List.copyOf(guardians);
    }

    @AssertTrue(
        message =
            "noderr.beacon.local.guardians must be distinct addresses among"
                + " noderr.beacon.local.signers")
    public boolean isGuardiansSigners() {
      return signers.containsAll(guardians) && new HashSet<>(guardians).size() == guardians.size();
    }

    @AssertTrue(
        message = "noderr.beacon.local.threshold must be between 1 and the number of local signers")
    public boolean isThresholdValid() {
      return signers.isEmpty()
          ? threshold == null
          : threshold != null && threshold >= 1 && threshold <= signers.size();
    }

    @AssertTrue(message = "noderr.beacon.local.signers must not repeat an address")
    public boolean isSignersDistinct() {
      return new HashSet<>(signers).size() == signers.size();
    }
  }
}
