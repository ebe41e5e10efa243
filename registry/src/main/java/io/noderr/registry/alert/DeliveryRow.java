package io.noderr.registry.alert;

import java.time.Instant;

/**
 * One notification of one alert to one channel.
 *
 * @param channel the configured channel name (never its URL or password)
 * @param lastError why the last attempt failed, already stripped of secrets by the sender
 */
public record DeliveryRow(
    long id,
    long alertId,
    String channel,
    DeliveryKind kind,
    DeliveryStatus status,
    int attempts,
    String lastError,
    Instant queuedAt,
    Instant sentAt) {}
