package io.noderr.activities.alert;

/**
 * What one delivery pass did.
 *
 * @param escalated incidents handed to the next channel of their route
 * @param sent notifications a channel took
 * @param failed notifications whose send failed (retried next round unless given up)
 * @param throttled channels that had something queued but were told too recently
 */
public record AlertDelivery(int escalated, int sent, int failed, int throttled) {}
