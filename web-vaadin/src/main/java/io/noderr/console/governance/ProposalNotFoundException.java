package io.noderr.console.governance;

/** No proposal with this id (404). */
public class ProposalNotFoundException extends RuntimeException {

  public ProposalNotFoundException(String proposalId) {
    super("no proposal " + proposalId);
  }
}
