package io.noderr.cli.chain;

import io.noderr.cli.signer.SigningRefused;
import io.noderr.signing.Address;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * An operator's own JSON-RPC endpoint ({@code --rpc}), through which its commands read contracts
 * and send the transactions its own key signs. The URL may carry an API key, so it never appears in
 * a message: whatever fails is one line ({@link SigningRefused}).
 */
public final class OperatorEndpoint implements AutoCloseable {

  /** Reads pay no gas. */
  public static final StaticGasProvider NO_GAS =
      new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO);

  private final Web3j web3j;
  private final long chainId;

  /**
   * Connects and reads the endpoint's chain.
   *
   * @param expectedChainId the chain the endpoint must serve, null to take the endpoint's
   * @param chainName what that chain is to the person ("the governance chain"), for the refusal
   * @throws SigningRefused when the endpoint serves another chain or cannot be read
   */
  public OperatorEndpoint(URI rpc, Long expectedChainId, String chainName) {
    this.web3j = Web3j.build(new HttpService(rpc.toString()));
    try {
      this.chainId = read(() -> web3j.ethChainId().send().getChainId().longValueExact());
      if (expectedChainId != null && expectedChainId != chainId) {
        throw new SigningRefused(
            "--rpc serves chain " + chainId + ", not " + chainName + " " + expectedChainId);
      }
    } catch (SigningRefused e) {
      close();
      throw e;
    }
  }

  public Web3j web3j() {
    return web3j;
  }

  public long chainId() {
    return chainId;
  }

  /** Calls as {@code from} without signing anything. */
  public ReadonlyTransactionManager readOnly(Address from) {
    return new ReadonlyTransactionManager(web3j, from.value());
  }

  /** Sends what {@code key} signs, waiting for each receipt. */
  public RawTransactionManager signer(ECKeyPair key) {
    return new RawTransactionManager(
        web3j,
        Credentials.create(key),
        chainId,
        new PollingTransactionReceiptProcessor(web3j, 500, 240));
  }

  /** The gas price, read once per operation (its transactions share it), up to {@code limit}. */
  public StaticGasProvider gas(BigInteger limit) {
    BigInteger price = read(() -> web3j.ethGasPrice().send().getGasPrice());
    return new StaticGasProvider(price, limit);
  }

  /** The latest block's time: contracts compare their deadlines with it. */
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

  /** Sends the transaction; a revert is refused in one line naming {@code what}. */
  public TransactionReceipt send(RemoteFunctionCall<TransactionReceipt> call, String what) {
    TransactionReceipt receipt = read(call::send);
    if (!receipt.isStatusOK()) {
      throw new SigningRefused(
          what + " reverted in transaction " + receipt.getTransactionHash() + "; nothing changed");
    }
    return receipt;
  }

  /** A read (or a transaction) against the chain. */
  @FunctionalInterface
  public interface ChainRead<T> {
    T read() throws Exception;
  }

  /** Runs a read or a transaction; what fails is one line without the endpoint's URL. */
  public static <T> T read(ChainRead<T> call) {
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
