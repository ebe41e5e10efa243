package io.noderr.attestation.swtpm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import tss.Tpm;
import tss.TpmFactory;
import tss.tpm.TPMT_HA;
import tss.tpm.TPM_ALG_ID;
import tss.tpm.TPM_HANDLE;

/**
 * A software TPM 2.0 for integration tests: a freshly manufactured swtpm (EK and platform
 * certificates from a test-local CA, NV locked) serving the TPM simulator protocol on {@code
 * 127.0.0.1}. One client at a time, so start one per test.
 *
 * <pre>{@code
 * try (Swtpm tpm = Swtpm.start()) {
 *   try (TpmIdentity identity = TpmIdentity.open(tpm.uri())) { ... }
 *   TrustedManufacturers.load(tpm.ca().certificateFiles());
 * }
 * }</pre>
 *
 * Fails, rather than skips, when swtpm is not installed.
 */
public final class Swtpm implements AutoCloseable {

  private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(5);
  private static final int START_ATTEMPTS = 3;

  private final SwtpmCa ca;
  private final boolean ownsCa;
  private final Path directory;
  private Process process;
  private int port;

  private Swtpm(SwtpmCa ca, boolean ownsCa, Path directory) {
    this.ca = ca;
    this.ownsCa = ownsCa;
    this.directory = directory;
  }

  /** Manufactures a TPM with its own new CA (deleted on close) and starts it. */
  public static Swtpm start() {
    SwtpmCa ca = SwtpmCa.create();
    try {
      return start(ca, true);
    } catch (RuntimeException e) {
      ca.close();
      throw e;
    }
  }

  /** Manufactures a TPM whose certificates {@code ca} issues (the caller closes the CA). */
  public static Swtpm start(SwtpmCa ca) {
    return start(ca, false);
  }

  private static Swtpm start(SwtpmCa ca, boolean ownsCa) {
    Swtpm tpm;
    try {
      tpm = new Swtpm(ca, ownsCa, Files.createTempDirectory("swtpm-"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a swtpm state directory", e);
    }
    try {
      tpm.manufacture();
      tpm.launch();
      return tpm;
    } catch (RuntimeException e) {
      tpm.close();
      throw e;
    }
  }

  /** {@code tcp://127.0.0.1:<port>}: the TPM address the agent takes. */
  public String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public SwtpmCa ca() {
    return ca;
  }

  /** The CA certificate that issued this TPM's EK certificate. */
  public X509Certificate caCertificate() {
    return ca.issuerCertificate();
  }

  /** The RSA-2048 EK certificate swtpm_setup stored in NV index 0x01C00002. */
  public X509Certificate ekCertificate() {
    return SwtpmCa.read(directory.resolve("ek-rsa2048.crt"));
  }

  /** Stops swtpm (SIGTERM) and starts it again on the same state, on new ports: a reboot. */
  public void restart() {
    Processes.stop(process);
    launch();
  }

  /**
   * Extends a SHA-256 PCR with the digest of {@code data}, as firmware measuring a component would.
   * Uses its own connection: call it while no other client is connected.
   */
  public void extendPcr(int index, byte[] data) {
    Tpm tpm = TpmFactory.remoteTpm("127.0.0.1", port);
    try {
      tpm.PCR_Extend(
          TPM_HANDLE.pcr(index), new TPMT_HA[] {new TPMT_HA(TPM_ALG_ID.SHA256, sha256(data))});
    } finally {
      try {
        tpm.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot disconnect from swtpm", e);
      }
    }
  }

  /** Kills swtpm and deletes its state (and the CA, if this TPM created it). */
  @Override
  public void close() {
    try {
      if (process != null) {
        Processes.stop(process);
      }
      Processes.deleteRecursively(directory);
    } finally {
      if (ownsCa) {
        ca.close();
      }
    }
  }

  private void manufacture() {
    try {
      Files.createDirectory(state());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the swtpm state directory", e);
    }
    Processes.run(
        List.of(
            Processes.executable("swtpm_setup"),
            "--tpm2",
            "--tpmstate",
            state().toString(),
            "--create-ek-cert",
            "--create-platform-cert",
            "--lock-nvram",
            "--config",
            ca.setupConfig().toString(),
            "--write-ek-cert-files",
            directory.toString()),
        log(),
        SETUP_TIMEOUT);
  }

  /** Retries on new ports: another process may take a free port before swtpm binds it. */
  private void launch() {
    String swtpm = Processes.executable("swtpm");
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      port = freePortPair();
      process =
          Processes.start(
              List.of(
                  swtpm,
                  "socket",
                  "--tpm2",
                  "--server",
                  "type=tcp,port=" + port + ",bindaddr=127.0.0.1",
                  "--ctrl",
                  "type=tcp,port=" + (port + 1) + ",bindaddr=127.0.0.1",
                  "--tpmstate",
                  "dir=" + state(),
                  "--flags",
                  "not-need-init,startup-clear"),
              log());
      if (awaitListening()) {
        return;
      }
      Processes.stop(process);
    }
    throw new IllegalStateException("swtpm did not start:\n" + Processes.tail(log()));
  }

  private boolean awaitListening() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (process.isAlive() && System.nanoTime() < deadline) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
        return true;
      } catch (IOException notYet) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return false;
  }

  /** swtpm's control port must be the data port + 1 (the TPM simulator protocol's convention). */
  private static int freePortPair() {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    while (true) {
      try (ServerSocket data = new ServerSocket(0, 1, loopback)) {
        int candidate = data.getLocalPort();
        if (candidate < 65535) {
          try (ServerSocket control = new ServerSocket(candidate + 1, 1, loopback)) {
            return candidate;
          } catch (IOException taken) {
            // try another pair
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot find a free port", e);
      }
    }
  }

  private Path state() {
    return directory.resolve("state");
  }

  private Path log() {
    return directory.resolve("swtpm.log");
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
