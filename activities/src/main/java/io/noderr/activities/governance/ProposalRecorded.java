package io.noderr.activities.governance;

/**
 * @param audited false when the step's audit entry was there already (a retry)
 */
public record ProposalRecorded(String proposalId, boolean audited) {}
