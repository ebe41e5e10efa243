package io.noderr.agent.platform;

/** A signed governance proposal the platform accepted: its id on the governor and its workflow. */
public record ProposalSubmitted(String proposalId, String workflowId) {}
