package io.noderr.activities.release;

/** The VersionBeacon's tiers with their on-chain codes (the contract's uint8 tier). */
public enum BeaconTier {
  ALL(0),
  ORACLE(1),
  GUARDIAN(2);

  private final int code;

  BeaconTier(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static BeaconTier ofCode(int code) {
    for (BeaconTier tier : values()) {
      if (tier.code == code) {
        return tier;
      }
    }
    throw new IllegalArgumentException("unknown tier code " + code);
  }
}
