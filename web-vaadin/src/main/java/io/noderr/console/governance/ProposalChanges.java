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
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < proposal.targets().size(); i++) {
      String calldata = proposal.calldatas().get(i);
      BigInteger value = new BigInteger(proposal.values().get(i));
      lines.add(describe(proposal.targets().get(i), value, calldata));
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
