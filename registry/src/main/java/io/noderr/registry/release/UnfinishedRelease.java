package io.noderr.registry.release;

/** A release request the read model shows still under way, with the terms to start it again. */
public record UnfinishedRelease(ReleaseRow row, ReleaseTerms terms) {}
