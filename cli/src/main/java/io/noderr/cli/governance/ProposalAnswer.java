package io.noderr.cli.governance;

/**
 * The submitted proposal's id on the governor (decimal) and the platform's workflow following it.
 */
public record ProposalAnswer(String proposalId, String workflowId) {}
