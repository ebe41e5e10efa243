package io.noderr.agent.release;

import io.noderr.activities.release.BeaconTier;
import io.noderr.signing.Address;
import io.noderr.signing.ImageDigest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * Reads the VersionBeacon contract through an RPC endpoint the node operator chose. The node needs
 * no key and sends no transaction: {@code current(tier)} is an {@code eth_call}.
 *
 * <p>The call is encoded here rather than through the contracts module's generated wrapper, so the
 * agent jar carries none of the contracts module (deployment bytecode, transaction senders, the dev
 * chain). BeaconDigestCheckIT reads a real deployed beacon, which keeps this ABI honest.
 */
public final class ChainBeaconSource implements BeaconSource {

  private final String rpcUrl;
  private final Address address;
  private final Web3j web3j;

  public ChainBeaconSource(String rpcUrl, Address address) {
    this.rpcUrl = rpcUrl;
    this.address = address;
    this.web3j = Web3j.build(new HttpService(rpcUrl));
  }

  @Override
  public String name() {
    return "CHAIN";
  }

  @Override
  public Optional<BeaconRelease> current(BeaconTier tier) {
    Release release = call(tier);
    // The contract answers an empty release for a tier that never had one.
    if (release.version.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new BeaconRelease(release.version, ImageDigest.parse(Numeric.toHexString(release.digest))));
  }

  private Release call(BeaconTier tier) {
    Function current =
        new Function(
            "current", List.of(new Uint8(tier.code())), List.of(new TypeReference<Release>() {}));
    EthCall answer;
    try {
      answer =
          web3j
              .ethCall(
                  Transaction.createEthCallTransaction(
                      null, address.value(), FunctionEncoder.encode(current)),
                  DefaultBlockParameterName.LATEST)
              .send();
    } catch (IOException | RuntimeException e) {
      throw unreadable(e.getMessage());
    }
    if (answer.hasError()) {
      throw unreadable(answer.getError().getMessage());
    }
    if (answer.isReverted()) {
      throw unreadable("reverted: " + answer.getRevertReason());
    }
    @SuppressWarnings("rawtypes")
    List<Type> values =
        FunctionReturnDecoder.decode(answer.getValue(), current.getOutputParameters());
    if (values.isEmpty()) {
      throw unreadable("no VersionBeacon contract answers there");
    }
    return (Release) values.getFirst();
  }

  private BeaconUnreadableException unreadable(String why) {
    return new BeaconUnreadableException(
        "cannot read beacon " + address + " through " + rpcUrl + ": " + why);
  }

  @Override
  public void close() {
    web3j.shutdown();
  }

  /**
   * VersionBeacon's {@code Release} struct as {@code current} returns it, every field in order (the
   * ABI decoder builds it through this constructor); the agent reads the version and digest.
   */
  public static final class Release extends DynamicStruct {
    private final String version;
    private final byte[] digest;

    public Release(
        Utf8String version,
        Bytes32 imageDigest,
        Utf8String minimumVersion,
        Utf8String notesUri,
        Uint64 publishedAt) {
      super(version, imageDigest, minimumVersion, notesUri, publishedAt);
      this.version = version.getValue();
      this.digest = imageDigest.getValue();
    }
  }
}
