package io.noderr.agent.tpm;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import tss.Tpm;
import tss.TpmDevice;
import tss.TpmDeviceTbs;

/**
 * Opens a TPM from its address: {@code tcp://host:port} (swtpm, a TPM simulator or a proxy), the
 * path of a local device such as {@code /dev/tpmrm0}, or {@code tbs} for Windows' TPM Base Services
 * (what install.ps1 configures; untested here, no Windows machine).
 */
final class TpmConnection {

  private TpmConnection() {}

  static Tpm open(String address) {
    TpmDevice device;
    try {
      device = device(address);
    } catch (IOException e) {
      throw new TpmOperationException("cannot reach the TPM at " + address + ": " + describe(e), e);
    }
    Tpm tpm = new Tpm();
    tpm._setDevice(device);
    return tpm;
  }

  private static TpmDevice device(String address) throws IOException {
    if (address != null && address.startsWith("tcp://")) {
      URI uri = tcpUri(address);
      return TcpTpmDevice.connect(uri.getHost(), uri.getPort());
    }
    if (address != null && address.startsWith("/")) {
      return CharacterDeviceTpm.open(Path.of(address));
    }
    if ("tbs".equals(address)) {
      TpmDevice tbs = new TpmDeviceTbs();
      if (!tbs.connect()) {
        throw new IOException("Windows TPM Base Services refused the connection");
      }
      return tbs;
    }
    throw unsupported(address);
  }

  private static URI tcpUri(String address) {
    try {
      URI uri = new URI(address);
      if (uri.getHost() == null || uri.getPort() < 1 || !emptyOrRoot(uri.getPath())) {
        throw unsupported(address);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw unsupported(address);
    }
  }

  private static boolean emptyOrRoot(String path) {
    return path == null || path.isEmpty() || path.equals("/");
  }

  private static TpmOperationException unsupported(String address) {
    return new TpmOperationException(
        "unsupported TPM address '"
            + address
            + "': use tcp://host:port, a device path such as /dev/tpmrm0, or tbs (Windows)");
  }

  private static String describe(IOException e) {
    return switch (e) {
      case ConnectException refused -> "connection refused";
      case SocketTimeoutException timeout -> "no answer (timed out)";
      case UnknownHostException unknown -> "unknown host";
      case NoSuchFileException missing -> "no such device";
      case AccessDeniedException denied -> "permission denied";
      default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    };
  }
}
