package dev.storefront.analytics;

import java.util.Locale;

import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Binds {@code ?mode=all|any} (any case) to {@link ActiveUsers.Mode}; anything else is a type mismatch,
 * which the problem handler answers with 400.
 */
@Component
class ModeParameter implements Converter<String, ActiveUsers.Mode> {

	@Override
	public ActiveUsers.Mode convert(String source) {
		return ActiveUsers.Mode.valueOf(source.trim().toUpperCase(Locale.ROOT));
	}

}
