package io.noderr.cli;

import java.util.regex.Pattern;

/** The platform's emergency ids: checked before they become part of a URL path. */
final class EmergencyIds {

  static final String USAGE = "EMERGENCY_ID must be an emergency id such as emergency-7";

  private static final Pattern ID = Pattern.compile("emergency-[0-9]{1,12}");

  private EmergencyIds() {}

  static boolean isValid(String id) {
    return id != null && ID.matcher(id).matches();
  }
}
