package io.noderr.workflows.slashing;

/**
 * The operator's answer or appeal, signed with the key its stake is held by (a {@code
 * DisputeStatement} in the multisig's domain).
 */
public record StatementCommand(
    String operator, String statement, String signature, String submittedBy) {}
