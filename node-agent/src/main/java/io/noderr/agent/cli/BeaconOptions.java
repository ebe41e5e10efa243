package io.noderr.agent.cli;

import io.noderr.activities.release.BeaconTier;
import io.noderr.agent.platform.PlatformClient;
import io.noderr.agent.release.BeaconSource;
import io.noderr.agent.release.ChainBeaconSource;
import io.noderr.agent.release.PlatformBeaconSource;
import io.noderr.signing.Address;
import java.net.URI;
import picocli.CommandLine.Option;

/**
 * Where the agent reads the release beacon before installing: the chain if given, else the
 * platform.
 */
class BeaconOptions {

  @Option(
      names = "--beacon-rpc",
      defaultValue = "${env:NODERR_BEACON_RPC_URL}",
      paramLabel = "URL",
      description =
          "JSON-RPC endpoint of a chain node you trust; with --beacon-address the agent checks every"
              + " release against the beacon contract itself instead of asking the platform"
              + " (default: NODERR_BEACON_RPC_URL).")
  URI rpc;

  @Option(
      names = "--beacon-address",
      defaultValue = "${env:NODERR_BEACON_ADDRESS}",
      converter = AddressConverter.class,
      paramLabel = "0x...",
      description = "VersionBeacon contract address (default: NODERR_BEACON_ADDRESS).")
  Address address;

  @Option(
      names = "--insecure-platform-beacon",
      description =
          "Let an ORACLE or GUARDIAN node check releases against the beacon as the platform reports"
              + " it (demo and development only: a compromised platform could then name any"
              + " release).")
  boolean insecurePlatformBeacon;

  void validate() {
    if ((rpc == null) != (address == null)) {
      throw new IllegalArgumentException(
          "--beacon-rpc and --beacon-address go together (or NODERR_BEACON_RPC_URL and"
              + " NODERR_BEACON_ADDRESS); give both to read the beacon on chain, neither to read it"
              + " through the platform");
    }
    if (rpc != null) {
      ConnectionOptions.requireHttp("--beacon-rpc", rpc);
    }
  }

  /**
   * ORACLE and GUARDIAN nodes must read the beacon on chain: through the platform, the platform
   * would vouch for the very releases this check guards against it pushing.
   */
  void requireChainFor(BeaconTier tier) {
    if (tier != BeaconTier.ALL && rpc == null && !insecurePlatformBeacon) {
      throw new IllegalArgumentException(
          "this node is pinned to tier "
              + tier
              + ", which checks releases on chain: give --beacon-rpc and --beacon-address (or"
              + " NODERR_BEACON_RPC_URL and NODERR_BEACON_ADDRESS), or --insecure-platform-beacon"
              + " for a demo");
    }
  }

  BeaconSource open(PlatformClient platform) {
    return rpc == null
        ? new PlatformBeaconSource(platform)
        : new ChainBeaconSource(rpc.toString(), address);
  }
}
