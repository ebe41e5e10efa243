package io.noderr.registry.onboarding;

/**
 * Filters of the applications list; null means "any".
 *
 * @param text matches operator name, contact, region or id (case-insensitive substring)
 */
public record ApplicationQuery(String status, String tier, String text, int offset, int limit) {}
