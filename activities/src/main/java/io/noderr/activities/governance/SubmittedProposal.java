package io.noderr.activities.governance;

public record SubmittedProposal(String proposalId, String transactionHash) {}
