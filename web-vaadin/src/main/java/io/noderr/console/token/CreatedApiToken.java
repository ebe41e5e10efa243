package io.noderr.console.token;

import java.time.Instant;
import java.util.List;

/** A new token; {@code token} is shown in this answer only (the platform keeps its hash). */
public record CreatedApiToken(
    long id, String name, List<String> roles, Instant expiresAt, String token) {}
