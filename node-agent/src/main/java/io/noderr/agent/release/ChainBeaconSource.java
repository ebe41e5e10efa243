package io.noderr.agent.release;

import io.noderr.activities.release.BeaconTier;
import io.noderr.contracts.generated.VersionBeacon;
import io.noderr.signing.Address;
import io.noderr.signing.ImageDigest;
import java.math.BigInteger;
import java.util.Optional;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.utils.Numeric;

/**
 * Reads the VersionBeacon contract through an RPC endpoint the node operator chose. The node needs
 * no key and sends no transaction: {@code current(tier)} is an {@code eth_call}.
 */
public final class ChainBeaconSource implements BeaconSource {

  private final String rpcUrl;
  private final Address address;
  private final Web3j web3j;
  private final VersionBeacon beacon;

  public ChainBeaconSource(String rpcUrl, Address address) {
    this.rpcUrl = rpcUrl;
    this.address = address;
    this.web3j = Web3j.build(new HttpService(rpcUrl));
    this.beacon =
        VersionBeacon.load(
            address.value(),
            web3j,
            new ReadonlyTransactionManager(web3j, address.value()),
            new DefaultGasProvider());
  }

  @Override
  public String name() {
    return "CHAIN";
  }

  @Override
  public Optional<BeaconRelease> current(BeaconTier tier) {
    VersionBeacon.Release release;
    try {
      release = beacon.current(BigInteger.valueOf(tier.code())).send();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new BeaconUnreadableException(
          "cannot read beacon " + address + " through " + rpcUrl + ": " + e.getMessage());
    }
    // The contract answers an empty release for a tier that never had one.
    if (release.version.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new BeaconRelease(
            release.version, ImageDigest.parse(Numeric.toHexString(release.imageDigest))));
  }

  @Override
  public void close() {
    web3j.shutdown();
  }
}
