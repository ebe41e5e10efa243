package io.noderr.workflows.governance;

import io.noderr.activities.governance.ProposalCalls;
import io.noderr.signing.Address;
import io.noderr.signing.ProposalIds;
import io.noderr.signing.SignedProposal;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A signed proposal as the console API and the node gateway take it ({@code SignedProposal}'s
 * fields; amounts and the nonce as decimal strings, calldatas 0x-hex), and how either starts its
 * ProposalWorkflow. The proposal id is OpenZeppelin's {@code hashProposal}, computed here before
 * anything is submitted, so the workflow is named after it.
 */
public record SignedProposalBody(
    String proposer,
    List<String> targets,
    List<String> values,
    List<String> calldatas,
    String description,
    String nonce,
    Long deadline,
    String signature) {

  private static final Pattern DECIMAL = Pattern.compile("^[0-9]{1,78}$");
  private static final Pattern SIGNATURE = Pattern.compile("^0x[0-9a-fA-F]{130}$");

  /** Longer than any parameter change needs; keeps a workflow's input far below its limits. */
  static final int MAX_CALLS = 10;

  static final int MAX_DESCRIPTION = 10_000;

  /**
   * The workflow input, with the proposal id computed.
   *
   * @throws IllegalArgumentException with one line naming the malformed field
   */
  public ProposalInput input(String startedBy) {
    Address proposerAddress = address("proposer", proposer);
    if (targets == null || values == null || calldatas == null) {
      throw new IllegalArgumentException("targets, values and calldatas are required");
    }
    if (targets.size() > MAX_CALLS) {
      throw new IllegalArgumentException("a proposal has at most " + MAX_CALLS + " calls");
    }
    if (description == null || description.isBlank() || description.length() > MAX_DESCRIPTION) {
      throw new IllegalArgumentException(
          "description is required, at most " + MAX_DESCRIPTION + " characters");
    }
    List<Address> targetAddresses = targets.stream().map(t -> address("target", t)).toList();
    List<BigInteger> amounts = values.stream().map(v -> decimal("value", v)).toList();
    decimal("nonce", nonce);
    if (deadline == null || deadline <= 0) {
      throw new IllegalArgumentException("deadline must be unix seconds");
    }
    if (signature == null || !SIGNATURE.matcher(signature.strip()).matches()) {
      throw new IllegalArgumentException(
          "signature must be 0x followed by 130 hex digits (65 bytes: r, s, v)");
    }
    BigInteger id = ProposalIds.of(targetAddresses, amounts, calldatas, description);
    return new ProposalInput(
        new ProposalCalls(
            id.toString(),
            targetAddresses.stream().map(Address::value).toList(),
            amounts.stream().map(BigInteger::toString).toList(),
            calldatas.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList(),
            description),
        new ProposalInput.Signature(proposerAddress.value(), nonce, deadline, signature.strip()),
        startedBy);
  }

  /** The body of {@code proposal}, as its proposer's tools post it. */
  public static SignedProposalBody of(SignedProposal proposal) {
    return new SignedProposalBody(
        proposal.proposer().value(),
        proposal.targets().stream().map(Address::value).toList(),
        proposal.values().stream().map(BigInteger::toString).toList(),
        proposal.calldatas(),
        proposal.description(),
        proposal.nonce().toString(),
        proposal.deadline(),
        proposal.signature());
  }

  /** The same proposal with its proposer's signature. */
  public SignedProposalBody signedWith(String proposerSignature) {
    return new SignedProposalBody(
        proposer, targets, values, calldatas, description, nonce, deadline, proposerSignature);
  }

  /**
   * Starts the proposal's workflow.
   *
   * @return its workflow id
   * @throws WorkflowExecutionAlreadyStarted when the proposal has a workflow already
   */
  public static String start(WorkflowClient client, ProposalInput input) {
    ProposalWorkflow workflow =
        client.newWorkflowStub(
            ProposalWorkflow.class, ProposalWorkflow.startOptions(input).build());
    WorkflowClient.start(workflow::run, input);
    return ProposalWorkflow.workflowId(input.proposalId());
  }

  private static Address address(String field, String text) {
    try {
      return Address.of(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage());
    }
  }

  private static BigInteger decimal(String field, String text) {
    if (text == null || !DECIMAL.matcher(text).matches()) {
      throw new IllegalArgumentException(field + " must be a decimal string, got '" + text + "'");
    }
    return new BigInteger(text);
  }
}
