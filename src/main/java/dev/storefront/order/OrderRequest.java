package dev.storefront.order;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/orders}.
 */
public record OrderRequest(@NotEmpty @Size(max = 100) List<@Valid @NotNull Item> items) {

	/**
	 * One product and how many of it.
	 */
	public record Item(@NotNull Long productId, @NotNull @Min(1) @Max(1000) Integer quantity) {
	}

}
