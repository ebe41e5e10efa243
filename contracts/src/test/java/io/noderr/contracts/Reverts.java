package io.noderr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.RemoteCall;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;

/**
 * Asserts that a transaction reverted with a given Solidity custom error. A mined transaction's
 * receipt carries no revert data, so the transaction is replayed as an {@code eth_call} on the
 * state of the block it failed in (same sender, input and block time), which returns the data.
 */
public final class Reverts {

  private Reverts() {}

  /**
   * Sends {@code transaction} and asserts it reverted with exactly {@code errorSignature} (e.g.
   * {@code "AlreadyClaimed(uint256,address)"}) and these ABI-encoded arguments.
   */
  public static void assertRevertsWith(
      Web3j web3j,
      RemoteCall<TransactionReceipt> transaction,
      String errorSignature,
      Type<?>... arguments) {
    String expected =
        selector(errorSignature) + FunctionEncoder.encodeConstructor(List.of(arguments));
    assertThat(revertData(web3j, transaction))
        .as("revert data of %s", errorSignature)
        .isEqualTo(expected);
  }

  /** The same, for when the arguments are not known in advance: any arguments of that error. */
  public static void assertReverts(
      Web3j web3j, RemoteCall<TransactionReceipt> transaction, String errorSignature) {
    assertThat(revertData(web3j, transaction))
        .as("revert data of %s", errorSignature)
        .startsWith(selector(errorSignature));
  }

  private static String revertData(Web3j web3j, RemoteCall<TransactionReceipt> transaction) {
    TransactionReceipt receipt;
    try {
      TransactionReceipt mined = transaction.send();
      return fail("expected a revert, but transaction %s succeeded", mined.getTransactionHash());
    } catch (TransactionException e) {
      receipt =
          e.getTransactionReceipt()
              .orElseThrow(() -> new AssertionError("a revert without a receipt: " + e));
    } catch (Exception e) {
      throw new AssertionError("the transaction failed before it was mined: " + e, e);
    }
    try {
      var sent = web3j.ethGetTransactionByHash(receipt.getTransactionHash()).send().getResult();
      EthCall replay =
          web3j
              .ethCall(
                  Transaction.createEthCallTransaction(
                      sent.getFrom(), sent.getTo(), sent.getInput()),
                  DefaultBlockParameter.valueOf(receipt.getBlockNumber()))
              .send();
      assertThat(replay.isReverted()).as("the replayed call reverts").isTrue();
      // web3j keeps the error's data as raw JSON: a hex string in quotes.
      return replay.getError().getData().replace("\"", "");
    } catch (java.io.IOException e) {
      throw new AssertionError("could not replay the transaction: " + e, e);
    }
  }

  private static String selector(String errorSignature) {
    return Hash.sha3String(errorSignature).substring(0, 10);
  }
}
