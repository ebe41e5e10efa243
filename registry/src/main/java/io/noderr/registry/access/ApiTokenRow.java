package io.noderr.registry.access;

import java.time.Instant;
import java.util.List;

/** A live API token as its owner sees it: never the token, never its hash. */
public record ApiTokenRow(
    long id,
    String name,
    List<String> roles,
    Instant createdAt,
    Instant expiresAt,
    Instant lastUsedAt) {}
