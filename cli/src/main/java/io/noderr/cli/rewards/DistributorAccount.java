package io.noderr.cli.rewards;

import static io.noderr.cli.chain.OperatorEndpoint.NO_GAS;
import static io.noderr.cli.chain.OperatorEndpoint.read;

import io.noderr.cli.chain.OperatorEndpoint;
import io.noderr.contracts.generated.RewardDistributor;
import io.noderr.signing.Address;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * An account's side of the RewardDistributor, read and claimed through the operator's own RPC
 * endpoint with the operator's own key: what the distributor holds for an epoch is the truth the
 * platform's answer is checked against.
 */
public final class DistributorAccount implements AutoCloseable {

  /** A claim verifies a proof of a few dozen hashes and transfers once: well under 200,000. */
  private static final BigInteger GAS_LIMIT = BigInteger.valueOf(250_000);

  private final OperatorEndpoint endpoint;
  private final Address distributor;
  private final Address account;

  /**
   * @param expectedChainId the chain the platform names, null to take the endpoint's
   * @throws io.noderr.cli.signer.SigningRefused when the endpoint serves another chain or cannot be
   *     read
   */
  public DistributorAccount(URI rpc, Long expectedChainId, Address distributor, Address account) {
    this.endpoint = new OperatorEndpoint(rpc, expectedChainId, "the platform's reward chain");
    this.distributor = distributor;
    this.account = account;
  }

  public Instant chainTime() {
    return endpoint.chainTime();
  }

  /** The epoch as the distributor holds it, and whether the account claimed it already. */
  public EpochOnChain epoch(long epoch) {
    RewardDistributor reads = contract(endpoint.readOnly(account), NO_GAS);
    BigInteger number = BigInteger.valueOf(epoch);
    return read(
        () -> {
          var stored = reads.epochs(number).send();
          return new EpochOnChain(
              stored.component1(),
              Instant.ofEpochSecond(stored.component4().longValueExact()),
              Instant.ofEpochSecond(stored.component5().longValueExact()),
              stored.component6(),
              stored.component7(),
              reads.isClaimed(number, account.value()).send());
        });
  }

  /** Sends the claim, signed by {@code key}; the tokens go to the account. */
  public TransactionReceipt claim(
      ECKeyPair key, long epoch, BigInteger amount, List<byte[]> proof) {
    return endpoint.send(
        contract(endpoint.signer(key), endpoint.gas(GAS_LIMIT))
            .claim(BigInteger.valueOf(epoch), account.value(), amount, proof),
        "the claim of epoch " + epoch);
  }

  private RewardDistributor contract(TransactionManager manager, ContractGasProvider gas) {
    return RewardDistributor.load(distributor.value(), endpoint.web3j(), manager, gas);
  }

  @Override
  public void close() {
    endpoint.close();
  }
}
