package io.noderr.cli.signer;

/**
 * The platform's answer to a signature or a decline (its {@code SignatureAccepted}): where the
 * request stands now.
 */
public record SignatureAnswer(String stage, int signatures, int threshold) {}
