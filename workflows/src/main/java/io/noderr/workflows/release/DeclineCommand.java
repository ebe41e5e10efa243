package io.noderr.workflows.release;

/**
 * @param signature signature over the EIP-712 {@code Decline(release digest, reason)}
 */
public record DeclineCommand(String signer, String reason, String signature, String submittedBy) {}
