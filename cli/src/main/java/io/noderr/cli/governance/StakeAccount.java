package io.noderr.cli.governance;

import io.noderr.cli.signer.SigningRefused;
import io.noderr.contracts.generated.NoderrGovernor;
import io.noderr.contracts.generated.NoderrStaking;
import io.noderr.contracts.generated.NoderrToken;
import io.noderr.signing.Address;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tuples.generated.Tuple2;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * An operator's stake, read and changed through the operator's own RPC endpoint with the operator's
 * own key: the platform lends nothing (it only names the contracts). The endpoint must serve the
 * governance chain; its URL may carry an API key, so it never appears in a message.
 */
public final class StakeAccount implements AutoCloseable {

  /** Reads pay no gas. */
  private static final StaticGasProvider NO_GAS =
      new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO);

  /** Enough for approve, stake, requestUnbond and withdraw (each well under 150,000). */
  private static final BigInteger GAS_LIMIT = BigInteger.valueOf(300_000);

  private final Web3j web3j;
  private final long chainId;
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
    this.web3j = Web3j.build(new HttpService(rpc.toString()));
    this.operator = operator;
    this.governor = governor;
    try {
      this.chainId = read(() -> web3j.ethChainId().send().getChainId().longValueExact());
      if (expectedChainId != null && expectedChainId != chainId) {
        throw new SigningRefused(
            "--rpc serves chain " + chainId + ", not the governance chain " + expectedChainId);
      }
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
                  NoderrGovernor.load(governor.value(), web3j, readOnly(), NO_GAS).token().send()));
    } catch (SigningRefused | IllegalArgumentException e) {
      throw new SigningRefused(
          governor.checksummed() + " is not a governor on chain " + chainId + " (no token())");
    }
  }

  public Address governor() {
    return governor;
  }

  public long chainId() {
    return chainId;
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
    return read(
        () ->
            Instant.ofEpochSecond(
                web3j
                    .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                    .send()
                    .getBlock()
                    .getTimestamp()
                    .longValueExact()));
  }

  /** Approves the staking contract for {@code amount} when the allowance is short, then stakes. */
  public TransactionReceipt stake(ECKeyPair key, BigInteger amount, BigInteger allowance) {
    TransactionManager from = signer(key);
    StaticGasProvider price = gas();
    if (allowance.compareTo(amount) < 0) {
      send(token(from, price).approve(staking.value(), amount), "approve");
    }
    return send(staking(from, price).stake(amount), "stake");
  }

  public TransactionReceipt requestUnbond(ECKeyPair key, BigInteger amount) {
    return send(staking(signer(key), gas()).requestUnbond(amount), "requestUnbond");
  }

  public TransactionReceipt withdraw(ECKeyPair key) {
    return send(staking(signer(key), gas()).withdraw(), "withdraw");
  }

  private TransactionReceipt send(RemoteFunctionCall<TransactionReceipt> call, String what) {
    TransactionReceipt receipt = read(call::send);
    if (!receipt.isStatusOK()) {
      throw new SigningRefused(
          what + " reverted in transaction " + receipt.getTransactionHash() + "; nothing changed");
    }
    return receipt;
  }

  private NoderrStaking staking(TransactionManager manager, StaticGasProvider price) {
    return NoderrStaking.load(staking.value(), web3j, manager, price);
  }

  private NoderrToken token(TransactionManager manager, StaticGasProvider price) {
    return NoderrToken.load(token.value(), web3j, manager, price);
  }

  private ReadonlyTransactionManager readOnly() {
    return new ReadonlyTransactionManager(web3j, operator.value());
  }

  private RawTransactionManager signer(ECKeyPair key) {
    return new RawTransactionManager(
        web3j,
        Credentials.create(key),
        chainId,
        new PollingTransactionReceiptProcessor(web3j, 500, 240));
  }

  /** The gas price once per operation (an approve and its stake share it). */
  private StaticGasProvider gas() {
    BigInteger price = read(() -> web3j.ethGasPrice().send().getGasPrice());
    return new StaticGasProvider(price, GAS_LIMIT);
  }

  @FunctionalInterface
  private interface ChainRead<T> {
    T read() throws Exception;
  }

  /** Runs a read or a transaction; what fails is one line without the endpoint's URL. */
  private static <T> T read(ChainRead<T> call) {
    try {
      return call.read();
    } catch (SigningRefused e) {
      throw e;
    } catch (IOException e) {
      throw new SigningRefused(
          "the chain cannot be reached through --rpc (" + e.getClass().getSimpleName() + ")");
    } catch (Exception e) {
      throw new SigningRefused(
          "the chain refused: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
  }

  @Override
  public void close() {
    web3j.shutdown();
  }
}
