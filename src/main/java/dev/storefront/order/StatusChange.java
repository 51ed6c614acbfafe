package dev.storefront.order;

import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code PATCH /api/admin/orders/{id}}.
 */
record StatusChange(@NotNull OrderStatus status) {
}
