package io.noderr.worker.governance;

import io.noderr.signing.SignedProposal;
import java.io.IOException;

/**
 * Submits a proposal its proposer signed to the governor ({@code proposeBySig}), after checking it
 * against the chain: the signature recovers the proposer, the nonce and deadline are current, the
 * proposer's votes reach the proposal threshold, the parameter values are in range.
 */
public interface ProposalSubmitter {

  /**
   * @return the transaction and the proposal id it created
   * @throws ProposalRefusedException with the reason, when the proposal is refused before anything
   *     is sent
   * @throws IOException when the chain cannot be reached (worth retrying)
   */
  Submitted submit(SignedProposal proposal) throws IOException;

  /** A proposal on chain: its id (decimal uint256) and the transaction that created it. */
  record Submitted(String proposalId, String transactionHash) {}

  /** A proposal refused before it was sent; the message is the reason, for the proposer. */
  final class ProposalRefusedException extends RuntimeException {
    public ProposalRefusedException(String reason) {
      super(reason);
    }
  }
}
