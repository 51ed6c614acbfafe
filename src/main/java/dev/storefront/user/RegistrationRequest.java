package dev.storefront.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record RegistrationRequest(@NotBlank @Email @Size(max = 254) String email,
		@NotBlank @Size(min = 8, max = 72, message = "must be 8 to 72 characters") String password,
		@NotBlank @Size(max = 120) String name) {
}
