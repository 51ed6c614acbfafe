package dev.storefront.user;

import java.util.Set;

/**
 * A user as the API shows it.
 */
record UserResponse(Long id, String email, String name, Set<String> roles) {
}
