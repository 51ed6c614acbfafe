package dev.storefront.catalog;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Canonical parts of listing cache keys: numbers by value, free text by hash.
 */
final class ListingKeys {

	// A plain number longer than this (1E+999999 as digits) is hashed: the key stays short.
	private static final int MAX_PLAIN_DIGITS = 24;

	private ListingKeys() {
	}

	/** One spelling per value: {@code 1}, {@code 1.0}, {@code 1E+0} and {@code 1.00} are all {@code 1}. */
	static String number(BigDecimal value) {
		if (value == null) {
			return "-";
		}
		BigDecimal canonical = value.stripTrailingZeros();
		int digits = canonical.precision() + Math.abs(canonical.scale());
		return digits <= MAX_PLAIN_DIGITS ? canonical.toPlainString() : "h" + hash(canonical.toString());
	}

	/** 128 bits of SHA-256 in hex: 32 characters, no braces, whatever the text. */
	static String hash(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JVM", ex);
		}
	}

}
