package io.noderr.agent.tpm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import tss.TpmDevice;

/**
 * A local TPM character device: {@code /dev/tpmrm0} (the kernel's resource manager, preferred) or
 * {@code /dev/tpm0}. One write() is one command and the next read() its whole response. TSS.Java's
 * TpmDeviceLinux cannot be pointed at a given device, hence this class.
 */
final class CharacterDeviceTpm extends TpmDevice {

  /** TPM 2.0 responses are at most a few KiB (TPM_PT_MAX_RESPONSE_SIZE, typically 4096). */
  private static final int MAX_RESPONSE = 8 * 1024;

  private final FileChannel channel;
  private byte[] response;

  private CharacterDeviceTpm(FileChannel channel) {
    this.channel = channel;
  }

  static CharacterDeviceTpm open(Path device) throws IOException {
    return new CharacterDeviceTpm(
        FileChannel.open(device, StandardOpenOption.READ, StandardOpenOption.WRITE));
  }

  /** Opened on construction. */
  @Override
  public boolean connect() {
    return true;
  }

  @Override
  public void dispatchCommand(byte[] command) {
    try {
      if (channel.write(ByteBuffer.wrap(command)) != command.length) {
        throw new IOException("the device took only part of the command");
      }
      ByteBuffer buffer = ByteBuffer.allocate(MAX_RESPONSE);
      int length = channel.read(buffer);
      if (length <= 0) {
        throw new IOException("the device returned no response");
      }
      response = Arrays.copyOf(buffer.array(), length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public byte[] getResponse() {
    return response;
  }

  @Override
  public boolean responseReady() {
    return true;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException alreadyGone) {
      // Closing a device we are done with; nothing left to do.
    }
  }
}
