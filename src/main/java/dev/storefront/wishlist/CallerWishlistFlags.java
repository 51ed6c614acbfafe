package dev.storefront.wishlist;

import java.util.Collection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import dev.storefront.catalog.WishlistFlags;
import dev.storefront.user.CurrentUser;

/**
 * The {@code wishlisted} flags of the signed-in caller: one SMISMEMBER on the caller's set for a whole
 * response. Anonymous callers (also those served as anonymous because the session store is down) cost
 * nothing; a Redis failure leaves the flag out and marks the response degraded instead of failing a read.
 */
@Component
class CallerWishlistFlags implements WishlistFlags {

	private static final Logger log = LoggerFactory.getLogger(CallerWishlistFlags.class);

	private final Wishlists wishlists;

	CallerWishlistFlags(Wishlists wishlists) {
		this.wishlists = wishlists;
	}

	@Override
	public Flags lookup(Collection<Long> productIds) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof CurrentUser user)) {
			return Flags.NONE;
		}
		try {
			return Flags.of(wishlists.among(user.id(), productIds));
		}
		catch (WishlistUnavailable ex) {
			log.debug("Wishlist of user {} unreadable, flags left out: {}", user.id(), ex.getCause().getMessage());
			return Flags.UNAVAILABLE;
		}
	}

}
