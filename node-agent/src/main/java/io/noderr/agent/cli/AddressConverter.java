package io.noderr.agent.cli;

import io.noderr.signing.Address;
import picocli.CommandLine.ITypeConverter;

/** Parses {@code 0x...} options, so a mistyped address is a usage error naming the option. */
public class AddressConverter implements ITypeConverter<Address> {
  @Override
  public Address convert(String value) {
    return Address.of(value);
  }
}
