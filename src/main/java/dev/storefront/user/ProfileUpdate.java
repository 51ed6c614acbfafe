package dev.storefront.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record ProfileUpdate(@NotBlank @Size(max = 120) String name) {
}
