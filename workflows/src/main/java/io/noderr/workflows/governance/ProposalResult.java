package io.noderr.workflows.governance;

import java.util.List;

/**
 * @param applied the platform parameters an execution applied
 */
public record ProposalResult(
    String proposalId, ProposalStage stage, String reason, List<String> applied) {}
