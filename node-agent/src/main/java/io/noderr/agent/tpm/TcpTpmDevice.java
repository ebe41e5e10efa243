package io.noderr.agent.tpm;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import tss.TpmDevice;

/**
 * A TPM reached over the TPM simulator's TCP protocol: swtpm, or a proxy in front of a remote TPM.
 * We speak the command channel only. TSS.Java's TpmDeviceTcp also insists on the platform channel
 * (port + 1), which we never use, reports connection failures on stderr instead of throwing, and
 * waits forever for a TPM that does not answer.
 */
final class TcpTpmDevice extends TpmDevice {

  private static final int SEND_COMMAND = 8;
  private static final int SESSION_END = 20;
  private static final int LOCALITY_0 = 0;

  /** Room for the largest TPM 2.0 response, with a margin; anything larger is not a TPM. */
  private static final int MAX_RESPONSE = 64 * 1024;

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** RSA key generation on a slow hardware TPM behind a proxy can take tens of seconds. */
  private static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(2);

  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  private TcpTpmDevice(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = new DataOutputStream(socket.getOutputStream());
  }

  static TcpTpmDevice connect(String host, int port) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
      socket.setSoTimeout((int) RESPONSE_TIMEOUT.toMillis());
      socket.setTcpNoDelay(true);
      return new TcpTpmDevice(socket);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** Connected on construction. */
  @Override
  public boolean connect() {
    return true;
  }

  @Override
  public void dispatchCommand(byte[] command) {
    try {
      out.writeInt(SEND_COMMAND);
      out.writeByte(LOCALITY_0);
      out.writeInt(command.length);
      out.write(command);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The response, then a 4-byte acknowledgement that carries nothing we need. */
  @Override
  public byte[] getResponse() {
    try {
      int length = in.readInt();
      if (length < 0 || length > MAX_RESPONSE) {
        throw new IOException("response of " + length + " bytes");
      }
      byte[] response = in.readNBytes(length);
      if (response.length != length) {
        throw new IOException("response truncated");
      }
      in.readInt();
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean responseReady() {
    return true;
  }

  /** Tells the server this session ends, so it accepts the next client at once. */
  @Override
  public void close() {
    try (socket) {
      out.writeInt(SESSION_END);
      out.flush();
    } catch (IOException alreadyGone) {
      // The connection is being dropped anyway.
    }
  }
}
