package io.noderr.registry.alert;

/** Why a notification was queued. */
public enum DeliveryKind {
  FIRING,
  /** Severity, labels, nodes or recipients changed (an acknowledgement was lifted). */
  CHANGED,
  /** Nobody acknowledged in time: the next channel of the route is told. */
  ESCALATED,
  RESOLVED
}
