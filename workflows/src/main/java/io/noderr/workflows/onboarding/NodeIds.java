package io.noderr.workflows.onboarding;

/** Node ids given at registration: readable (region first) and unique (the application's id). */
public final class NodeIds {

  /** The prefix of application ids; the rest is random and becomes the node id's suffix. */
  public static final String APPLICATION_PREFIX = "app-";

  private NodeIds() {}

  public static String forApplication(String region, String applicationId) {
    String suffix =
        applicationId.startsWith(APPLICATION_PREFIX)
            ? applicationId.substring(APPLICATION_PREFIX.length())
            : applicationId;
    return region + "-" + suffix;
  }
}
