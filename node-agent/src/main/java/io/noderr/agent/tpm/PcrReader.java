package io.noderr.agent.tpm;

import static io.noderr.agent.tpm.TpmCommands.call;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import tss.Tpm;
import tss.tpm.PCR_ReadResponse;
import tss.tpm.TPMS_PCR_SELECTION;
import tss.tpm.TPM_ALG_ID;

/** Reads SHA-256 PCR values; PCR_Read returns at most 8 per call, so we ask until we have all. */
final class PcrReader {

  private static final int PCRS_PER_READ = 8;

  private PcrReader() {}

  static SortedMap<Integer, String> read(Tpm tpm, SortedSet<Integer> indices) {
    SortedMap<Integer, String> values = new TreeMap<>();
    List<Integer> remaining = new ArrayList<>(indices);
    while (!remaining.isEmpty()) {
      int[] batch = remaining.stream().limit(PCRS_PER_READ).mapToInt(Integer::intValue).toArray();
      PCR_ReadResponse response =
          call(
              "read PCRs",
              () ->
                  tpm.PCR_Read(
                      new TPMS_PCR_SELECTION[] {new TPMS_PCR_SELECTION(TPM_ALG_ID.SHA256, batch)}));
      List<Integer> returned = sha256Indices(response.pcrSelectionOut);
      if (returned.isEmpty() || returned.size() != response.pcrValues.length) {
        throw new TpmOperationException(
            "the TPM returned no SHA-256 PCR values (is the SHA-256 bank active?)");
      }
      for (int i = 0; i < returned.size(); i++) {
        values.put(returned.get(i), HexFormat.of().formatHex(response.pcrValues[i].buffer));
      }
      remaining.removeAll(returned);
    }
    return values;
  }

  /** What TPM2_Quote hashes into pcrDigest: the values in selection order. */
  static byte[] digest(SortedMap<Integer, String> pcrs) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      pcrs.values().forEach(value -> sha256.update(HexFormat.of().parseHex(value)));
      return sha256.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * The PCRs a read returned, in the order of their values: ascending within the one bank we asked
   * for. Anything but that one bank is treated as nothing returned.
   */
  private static List<Integer> sha256Indices(TPMS_PCR_SELECTION[] selections) {
    List<Integer> indices = new ArrayList<>();
    if (selections.length != 1 || selections[0].hash.toInt() != TPM_ALG_ID.SHA256.toInt()) {
      return indices;
    }
    byte[] bitmap = selections[0].pcrSelect;
    for (int i = 0; i < bitmap.length * 8; i++) {
      if ((bitmap[i / 8] & (1 << (i % 8))) != 0) {
        indices.add(i);
      }
    }
    return indices;
  }
}
