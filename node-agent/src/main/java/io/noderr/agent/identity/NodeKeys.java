package io.noderr.agent.identity;

import java.nio.file.Path;

/** Opens the key {@code --tpm} selects. */
public final class NodeKeys {

  private NodeKeys() {}

  /**
   * @param tpm {@code none} for a software key kept in {@code stateDir}, {@code tcp://host:port}
   *     for a TPM simulator, or a TPM device path
   */
  public static NodeKey open(String tpm, Path stateDir) {
    if (tpm == null || tpm.isBlank()) {
      throw new IllegalArgumentException("--tpm must be a device, tcp://host:port or none");
    }
    if (tpm.equals("none")) {
      return SoftwareNodeKey.load(stateDir);
    }
    return TpmNodeKey.open(tpm.strip());
  }
}
