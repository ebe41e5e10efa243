package io.noderr.registry.alert;

/** A queued notification is PENDING until a channel took it (SENT) or every attempt failed. */
public enum DeliveryStatus {
  PENDING,
  SENT,
  GAVE_UP
}
