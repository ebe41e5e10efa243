package io.noderr.workflows.release;

/**
 * @param signer the address the signer claims to sign as
 * @param signature 65-byte hex signature over the release's EIP-712 digest
 * @param submittedBy the authenticated person who submitted it (console or API login)
 */
public record SignCommand(String signer, String signature, String submittedBy) {}
