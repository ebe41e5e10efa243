package io.noderr.registry.identity;

import java.time.Instant;

/**
 * @param secretHash SHA-256 (hex) of the credential secret the node must recover
 * @param evidenceJson the verified identity, kept until activation proves the AK and EK share a TPM
 */
public record PendingRegistration(
    String id,
    String applicationId,
    String tokenHash,
    String secretHash,
    String evidenceJson,
    Instant expiresAt) {}
