package io.noderr.activities.governance;

public record ProposalQuery(String proposalId) {}
