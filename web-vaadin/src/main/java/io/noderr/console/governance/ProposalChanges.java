package io.noderr.console.governance;

import io.noderr.console.governance.GovernanceViews.Proposal;
import io.noderr.signing.SetParameterCall;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** What executing a proposal changes, one line per call, for people deciding how to vote. */
public final class ProposalChanges {

  private ProposalChanges() {}

  public static List<String> describe(Proposal proposal) {
    return describe(proposal.targets(), proposal.values(), proposal.calldatas());
  }

  /** The same lines from the proposal's calls (targets, wei values, calldatas; one per call). */
  public static List<String> describe(
      List<String> targets, List<String> values, List<String> calldatas) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      lines.add(describe(targets.get(i), new BigInteger(values.get(i)), calldatas.get(i)));
    }
    return lines;
  }

  private static String describe(String target, BigInteger value, String calldata) {
    var parameter = SetParameterCall.decode(calldata);
    if (parameter.isPresent()) {
      return parameter.get().name()
          + " → "
          + TokenAmounts.parameter(parameter.get().name(), parameter.get().value().toString());
    }
    if (calldata == null || calldata.equals("0x") || calldata.isEmpty()) {
      return "send " + value + " wei to " + target;
    }
    return "call "
        + calldata.substring(0, Math.min(10, calldata.length()))
        + " on "
        + target
        + (value.signum() > 0 ? " with " + value + " wei" : "");
  }
}
