package io.noderr.cli.signer;

/** The platform's answer to a signature or a decline: where the request stands now. */
public record SignatureAnswer(String status, int signatures, int threshold) {}
