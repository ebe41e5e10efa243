package io.noderr.signing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@code eth_signTypedData_v4} JSON shape for one primary type of our domain. */
final class TypedData {

  private TypedData() {}

  static Map<String, Object> of(
      MultisigDomain domain,
      String primaryType,
      List<Map<String, String>> fields,
      Map<String, Object> message) {
    return of(domain.asTypedDataDomain(), primaryType, fields, message);
  }

  /** The same for another contract's domain (its name, version, chain id and address). */
  static Map<String, Object> of(
      Map<String, Object> domain,
      String primaryType,
      List<Map<String, String>> fields,
      Map<String, Object> message) {
    Map<String, Object> types = new LinkedHashMap<>();
    types.put("EIP712Domain", MultisigDomain.typeFields());
    types.put(primaryType, fields);
    Map<String, Object> typedData = new LinkedHashMap<>();
    typedData.put("types", types);
    typedData.put("primaryType", primaryType);
    typedData.put("domain", domain);
    typedData.put("message", message);
    return typedData;
  }
}
