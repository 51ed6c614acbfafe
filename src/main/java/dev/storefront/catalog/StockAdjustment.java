package dev.storefront.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code PATCH /api/products/{id}/stock}: a signed change.
 */
record StockAdjustment(@NotNull @Min(-1_000_000_000) @Max(1_000_000_000) Integer delta) {
}
