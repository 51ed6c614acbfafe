package dev.storefront.catalog;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of product create and full update.
 */
record ProductRequest(@NotBlank @Size(max = 64) String sku,
		@Size(max = 200) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be lower-case words joined by '-'") String slug,
		@NotBlank @Size(max = 200) String name, @Size(max = 4000) String description,
		@NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal price,
		@Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
		@NotNull @Min(0) @Max(1_000_000_000) Integer stock, @NotNull Long categoryId) {
}
