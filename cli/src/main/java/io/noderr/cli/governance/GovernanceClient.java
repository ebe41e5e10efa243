package io.noderr.cli.governance;

import io.noderr.agent.platform.JsonApi;
import io.noderr.signing.Address;
import io.noderr.signing.SignedProposal;
import io.noderr.signing.SignedProposalJson;
import java.math.BigInteger;
import java.net.URI;
import java.util.Map;

/**
 * An operator's side of the platform's governance API: what a ballot is for, relaying the ballot
 * the operator signed, and submitting a proposal they signed. The platform relays; it never signs.
 */
public final class GovernanceClient {

  private final JsonApi api;
  private final String authorization;

  /**
   * @param authorization the Authorization header (the operator's API token or HTTP Basic login)
   */
  public GovernanceClient(URI platform, String authorization) {
    this.api = new JsonApi(platform);
    this.authorization = authorization;
  }

  /** The chain, contracts and whether governance is on. */
  public GovernanceInfo governance() {
    return JsonApi.read(api.get("/api/v1/governance", authorization), GovernanceInfo.class);
  }

  /** What {@code voter} signs to vote on the proposal: its domain, nonce and state. */
  public BallotRequest ballot(BigInteger proposalId, Address voter) {
    return JsonApi.read(
        api.get(proposal(proposalId) + "/ballot?voter=" + voter.value(), authorization),
        BallotRequest.class);
  }

  /** Relays a signed ballot; the answer carries the weight counted and the transaction. */
  public BallotAnswer castBallot(
      BigInteger proposalId, Address voter, String support, String signature) {
    return JsonApi.read(
        api.post(
            proposal(proposalId) + "/ballots",
            Map.of("voter", voter.value(), "support", support, "signature", signature),
            authorization),
        BallotAnswer.class);
  }

  /** Submits a signed proposal; the platform checks it against the chain and sends it. */
  public ProposalAnswer propose(SignedProposal proposal) {
    return JsonApi.read(
        api.post(
            "/api/v1/governance/proposals", SignedProposalJson.toJson(proposal), authorization),
        ProposalAnswer.class);
  }

  /** Where the proposal stands: submitting, refused with the reason, or its state on chain. */
  public ProposalStanding standing(String proposalId) {
    return JsonApi.read(
        api.get("/api/v1/governance/proposals/" + proposalId, authorization),
        ProposalStanding.class);
  }

  private static String proposal(BigInteger proposalId) {
    return "/api/v1/governance/proposals/" + proposalId;
  }
}
