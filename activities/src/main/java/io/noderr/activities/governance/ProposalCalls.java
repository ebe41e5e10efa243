package io.noderr.activities.governance;

import java.util.List;

/**
 * A proposal's calls as the governor hashes them into its id.
 *
 * @param proposalId decimal uint256
 * @param values wei, decimal
 * @param calldatas 0x-hex
 */
public record ProposalCalls(
    String proposalId,
    List<String> targets,
    List<String> values,
    List<String> calldatas,
    String description) {

  public ProposalCalls {
    targets = List.copyOf(targets);
    values = List.copyOf(values);
    calldatas = List.copyOf(calldatas);
  }
}
