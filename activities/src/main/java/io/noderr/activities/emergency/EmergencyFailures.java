package io.noderr.activities.emergency;

public final class EmergencyFailures {
  public static final String BEACON_REFUSED = "EmergencyBeaconRefused";

  private EmergencyFailures() {}
}
