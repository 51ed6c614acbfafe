package dev.storefront.catalog;

import java.text.Normalizer;
import java.util.Locale;

final class Slugs {

	private Slugs() {
	}

	static String of(String text) {
		String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
		return slug.isEmpty() ? "item" : slug;
	}

}
