package io.noderr.cli.governance;

import io.noderr.cli.signer.SigningRefused;
import io.noderr.contracts.generated.NoderrGovernor;
import io.noderr.signing.Address;
import io.noderr.signing.GovernorDomain;
import java.math.BigInteger;
import java.net.URI;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * The proposer's nonce on the governor, read from the operator's own RPC endpoint (not the
 * platform's word). The endpoint must serve the governor's chain. Its URL may carry an API key, so
 * it never appears in a message.
 */
public final class GovernorNonce {

  private GovernorNonce() {}

  /**
   * @throws SigningRefused when the endpoint serves another chain, or cannot be read
   */
  public static BigInteger read(URI rpc, GovernorDomain domain, Address proposer) {
    Web3j web3j = Web3j.build(new HttpService(rpc.toString()));
    try {
      long chainId = web3j.ethChainId().send().getChainId().longValueExact();
      if (chainId != domain.chainId()) {
        throw new SigningRefused(
            "--rpc serves chain " + chainId + ", not the governor's " + domain.chainId());
      }
      return NoderrGovernor.load(
              domain.governor().value(),
              web3j,
              new ReadonlyTransactionManager(web3j, proposer.value()),
              new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO))
          .nonces(proposer.value())
          .send();
    } catch (SigningRefused e) {
      throw e;
    } catch (Exception e) {
      throw new SigningRefused(
          "cannot read your governor nonce through --rpc ("
              + e.getClass().getSimpleName()
              + "); give it with --nonce instead");
    } finally {
      web3j.shutdown();
    }
  }
}
