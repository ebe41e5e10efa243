package io.noderr.registry.release;

/** A release request as the read model keeps it, with the terms to start it again. */
public record StoredRelease(ReleaseRow row, ReleaseTerms terms) {}
