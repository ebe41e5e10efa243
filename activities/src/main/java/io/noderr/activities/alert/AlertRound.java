package io.noderr.activities.alert;

/**
 * One round of alert evaluation.
 *
 * @param nowMillis the workflow's time of the round (epoch millis)
 */
public record AlertRound(long nowMillis) {}
