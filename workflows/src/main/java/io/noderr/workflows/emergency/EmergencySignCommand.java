package io.noderr.workflows.emergency;

/**
 * @param signer the address the signer claims to sign as
 * @param signature 65-byte hex signature over the emergency's current request digest
 * @param submittedBy the authenticated person who submitted it
 */
public record EmergencySignCommand(String signer, String signature, String submittedBy) {}
