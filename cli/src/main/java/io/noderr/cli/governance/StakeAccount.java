package io.noderr.cli.governance;

import static io.noderr.cli.chain.OperatorEndpoint.NO_GAS;
import static io.noderr.cli.chain.OperatorEndpoint.read;

import io.noderr.cli.chain.OperatorEndpoint;
import io.noderr.cli.signer.SigningRefused;
import io.noderr.contracts.generated.NoderrGovernor;
import io.noderr.contracts.generated.NoderrStaking;
import io.noderr.contracts.generated.NoderrToken;
import io.noderr.signing.Address;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple2;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * An operator's stake, read and changed through the operator's own RPC endpoint with the operator's
 * own key: the platform lends nothing (it only names the contracts). The endpoint must serve the
 * governance chain; its URL may carry an API key, so it never appears in a message.
 */
public final class StakeAccount implements AutoCloseable {

  /** Enough for approve, stake, requestUnbond and withdraw (each well under 150,000). */
  private static final BigInteger GAS_LIMIT = BigInteger.valueOf(300_000);

  private final OperatorEndpoint endpoint;
  private final Address governor;
  private final Address staking;
  private final Address token;
  private final Address operator;

  /**
   * Connects and finds the contracts on the chain from the governor alone: the staking contract is
   * the one whose votes the governor counts ({@code token()}), the token the one it holds. Nobody
   * has to be trusted for those addresses, so an approval can only go to the contract that counts.
   *
   * @param expectedChainId the chain the endpoint must serve, null to take the endpoint's
   * @throws SigningRefused when the endpoint serves another chain, cannot be read, or has no such
   *     governor
   */
  public StakeAccount(URI rpc, Address governor, Long expectedChainId, Address operator) {
    this.endpoint = new OperatorEndpoint(rpc, expectedChainId, "the governance chain");
    this.operator = operator;
    this.governor = governor;
    try {
      this.staking = countedBy(governor);
      this.token = read(() -> Address.of(staking(readOnly(), NO_GAS).token().send()));
    } catch (SigningRefused e) {
      close();
      throw e;
    }
  }

  private Address countedBy(Address governor) {
    try {
      return read(
          () ->
              Address.of(
                  NoderrGovernor.load(governor.value(), endpoint.web3j(), readOnly(), NO_GAS)
                      .token()
                      .send()));
    } catch (SigningRefused | IllegalArgumentException e) {
      throw new SigningRefused(
          governor.checksummed()
              + " is not a governor on chain "
              + endpoint.chainId()
              + " (no token())");
    }
  }

  public Address governor() {
    return governor;
  }

  public long chainId() {
    return endpoint.chainId();
  }

  public Address staking() {
    return staking;
  }

  /**
   * The operator's standing.
   *
   * @param unbondingReadyAt when the unbonding amount can be withdrawn (null when none)
   * @param tierMinimums ALL, ORACLE, GUARDIAN
   */
  public record Standing(
      BigInteger active,
      BigInteger unbonding,
      Instant unbondingReadyAt,
      BigInteger votes,
      BigInteger wallet,
      BigInteger allowance,
      List<BigInteger> tierMinimums) {}

  public Standing standing() {
    return read(
        () -> {
          NoderrStaking reads = staking(readOnly(), NO_GAS);
          NoderrToken tokens = token(readOnly(), NO_GAS);
          Tuple2<BigInteger, BigInteger> unbonding = reads.unbondingOf(operator.value()).send();
          return new Standing(
              reads.stakeOf(operator.value()).send(),
              unbonding.component1(),
              unbonding.component1().signum() == 0
                  ? null
                  : Instant.ofEpochSecond(unbonding.component2().longValueExact()),
              reads.getVotes(operator.value()).send(),
              tokens.balanceOf(operator.value()).send(),
              tokens.allowance(operator.value(), staking.value()).send(),
              List.of(
                  reads.tierMinimum(BigInteger.ZERO).send(),
                  reads.tierMinimum(BigInteger.ONE).send(),
                  reads.tierMinimum(BigInteger.TWO).send()));
        });
  }

  /** The latest block's time: the contract compares unbonding with it. */
  public Instant chainTime() {
    return endpoint.chainTime();
  }

  /** Approves the staking contract for {@code amount} when the allowance is short, then stakes. */
  public TransactionReceipt stake(ECKeyPair key, BigInteger amount, BigInteger allowance) {
    TransactionManager from = endpoint.signer(key);
    StaticGasProvider price = endpoint.gas(GAS_LIMIT);
    if (allowance.compareTo(amount) < 0) {
      endpoint.send(token(from, price).approve(staking.value(), amount), "approve");
    }
    return endpoint.send(staking(from, price).stake(amount), "stake");
  }

  public TransactionReceipt requestUnbond(ECKeyPair key, BigInteger amount) {
    return endpoint.send(
        staking(endpoint.signer(key), endpoint.gas(GAS_LIMIT)).requestUnbond(amount),
        "requestUnbond");
  }

  public TransactionReceipt withdraw(ECKeyPair key) {
    return endpoint.send(
        staking(endpoint.signer(key), endpoint.gas(GAS_LIMIT)).withdraw(), "withdraw");
  }

  private NoderrStaking staking(TransactionManager manager, StaticGasProvider price) {
    return NoderrStaking.load(staking.value(), endpoint.web3j(), manager, price);
  }

  private NoderrToken token(TransactionManager manager, StaticGasProvider price) {
    return NoderrToken.load(token.value(), endpoint.web3j(), manager, price);
  }

  private ReadonlyTransactionManager readOnly() {
    return endpoint.readOnly(operator);
  }

  @Override
  public void close() {
    endpoint.close();
  }
}
