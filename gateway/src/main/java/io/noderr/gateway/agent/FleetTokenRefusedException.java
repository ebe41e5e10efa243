package io.noderr.gateway.agent;

/** The fleet agent token may not do this (403 with this message). */
public class FleetTokenRefusedException extends RuntimeException {
  FleetTokenRefusedException(String message) {
    super(message);
  }
}
