package io.noderr.agent.tpm;

import static io.noderr.agent.tpm.TpmCommands.call;

import java.io.ByteArrayOutputStream;
import tss.Tpm;
import tss.tpm.GetCapabilityResponse;
import tss.tpm.TPML_TAGGED_TPM_PROPERTY;
import tss.tpm.TPM_CAP;
import tss.tpm.TPM_HANDLE;
import tss.tpm.TPM_PT;

/**
 * Reads the RSA EK certificate the manufacturer stored in NV memory (TCG EK Credential Profile).
 */
final class EkCertificateReader {

  /** Not {@code TPM_HANDLE.NV(...)}: that adds an offset; this is the complete NV index handle. */
  private static final TPM_HANDLE RSA_EK_CERTIFICATE = new TPM_HANDLE(0x01C00002);

  private static final int MAX_CHUNK = 1024;

  private EkCertificateReader() {}

  /** The certificate's DER bytes; the index authorizes reads with its own (empty) auth value. */
  static byte[] read(Tpm tpm) {
    int size =
        call(
                "find the EK certificate in NV index 0x01C00002",
                () -> tpm.NV_ReadPublic(RSA_EK_CERTIFICATE))
            .nvPublic
            .dataSize;
    int chunk = chunkSize(tpm);
    ByteArrayOutputStream certificate = new ByteArrayOutputStream(size);
    while (certificate.size() < size) {
      int offset = certificate.size();
      int length = Math.min(chunk, size - offset);
      certificate.writeBytes(
          call(
              "read the EK certificate",
              () -> tpm.NV_Read(RSA_EK_CERTIFICATE, RSA_EK_CERTIFICATE, length, offset)));
    }
    return certificate.toByteArray();
  }

  /** NV_Read moves at most TPM_PT_NV_BUFFER_MAX bytes: 1024 on swtpm, less on some chips. */
  private static int chunkSize(Tpm tpm) {
    GetCapabilityResponse capability =
        call(
            "report its NV buffer size",
            () -> tpm.GetCapability(TPM_CAP.TPM_PROPERTIES, TPM_PT.NV_BUFFER_MAX.toInt(), 1));
    if (capability.capabilityData instanceof TPML_TAGGED_TPM_PROPERTY properties
        && properties.tpmProperty.length > 0
        && properties.tpmProperty[0].property.toInt() == TPM_PT.NV_BUFFER_MAX.toInt()
        && properties.tpmProperty[0].value > 0) {
      return Math.min(MAX_CHUNK, properties.tpmProperty[0].value);
    }
    return MAX_CHUNK;
  }
}
