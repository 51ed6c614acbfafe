package dev.storefront.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of category create and update; the slug is derived from the name when absent.
 */
record CategoryRequest(@NotBlank @Size(max = 120) String name,
		@Size(max = 140) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be lower-case words joined by '-'") String slug,
		@Size(max = 1000) String description) {
}
