package io.noderr.worker.governance;

import io.noderr.contracts.generated.NoderrGovernor;
import io.noderr.worker.governance.ProposalSubmitter.ProposalRefusedException;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.web3j.abi.CustomErrorEncoder;
import org.web3j.abi.datatypes.CustomError;

/**
 * The governor's refusals of a simulated {@code proposeBySig}, in words: the checks before sending
 * catch the common cases with their numbers; these are what remains (a proposal that already
 * exists, a description reserved for another proposer) and races with the chain.
 */
final class GovernorReverts {

  private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]*");

  private static final Map<CustomError, String> EXPLANATIONS =
      Map.of(
          NoderrGovernor.GOVERNORUNEXPECTEDPROPOSALSTATE_ERROR,
          "a proposal with the same calls and description already exists",
          NoderrGovernor.GOVERNORINVALIDSIGNATURE_ERROR,
          "the signature is not the proposer's over this proposal and their current nonce",
          NoderrGovernor.PROPOSALSIGNATUREEXPIRED_ERROR,
          "the signature's deadline has passed",
          NoderrGovernor.GOVERNORINSUFFICIENTPROPOSERVOTES_ERROR,
          "the proposer's votes are below the proposal threshold",
          NoderrGovernor.GOVERNORRESTRICTEDPROPOSER_ERROR,
          "the description reserves the proposal for another proposer (#proposer=...)",
          NoderrGovernor.GOVERNORINVALIDPROPOSALLENGTH_ERROR,
          "targets, values and calldatas must be non-empty and of the same length");

  private static final Map<String, CustomError> BY_SELECTOR =
      EXPLANATIONS.keySet().stream()
          .collect(
              Collectors.toMap(
                  error -> CustomErrorEncoder.encode(error).substring(0, 10), Function.identity()));

  private GovernorReverts() {}

  /** The refusal for the revert data in a JSON-RPC error's {@code data} (or its message). */
  static ProposalRefusedException refusal(String errorData) {
    Matcher hex = HEX.matcher(errorData == null ? "" : errorData);
    String data = hex.find() ? hex.group() : "0x";
    CustomError error = data.length() >= 10 ? BY_SELECTOR.get(data.substring(0, 10)) : null;
    if (error == null) {
      return new ProposalRefusedException(
          "the governor refuses the proposal (revert data "
              + (data.length() > 2 ? data : "none")
              + ")");
    }
    return new ProposalRefusedException(
        "the governor refuses the proposal: "
            + EXPLANATIONS.get(error)
            + " ("
            + error.getName()
            + ")");
  }
}
