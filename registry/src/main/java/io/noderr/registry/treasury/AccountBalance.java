package io.noderr.registry.treasury;

import java.math.BigInteger;

/** An account's ledger balance: the sum of its postings (debits minus credits). */
public record AccountBalance(TreasuryAccount account, BigInteger balance) {}
