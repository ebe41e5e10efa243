package io.noderr.console.release;

public class ReleaseNotFoundException extends RuntimeException {

  public ReleaseNotFoundException(String releaseId) {
    super("no release request " + releaseId);
  }

  /** For a request the read model knows but Temporal does not (any more). */
  ReleaseNotFoundException(String releaseId, String why) {
    super(releaseId + " " + why);
  }
}
