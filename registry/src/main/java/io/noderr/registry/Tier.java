package io.noderr.registry;

/** Node tiers; the VersionBeacon numbers them ALL=0, ORACLE=1, GUARDIAN=2. */
public enum Tier {
  ALL,
  ORACLE,
  GUARDIAN
}
