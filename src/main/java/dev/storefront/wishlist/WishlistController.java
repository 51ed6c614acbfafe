package dev.storefront.wishlist;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.storefront.catalog.Product;
import dev.storefront.user.CurrentUser;
import dev.storefront.web.ApiAccess;
import dev.storefront.web.ApiAccess.Audience;
import dev.storefront.web.PageResponse;

@Tag(name = "wishlist")
@ApiAccess(Audience.USER)
@RestController
@RequestMapping("/api/wishlist")
class WishlistController {

	private final WishlistService wishlist;

	WishlistController(WishlistService wishlist) {
		this.wishlist = wishlist;
	}

	@Operation(summary = "List my wishlist", description = """
			The wishlisted products by ascending id, paged like the product listing. A product deleted since it \
			was added is left out of its page but still counts in `totalElements`.""")
	@GetMapping
	PageResponse<Product> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return wishlist.page(user.id(), page, size);
	}

	@Operation(summary = "Add a product to my wishlist", description = """
			Idempotent: adding a product already there changes nothing. At most 500 products per wishlist. \
			Followers get a notification when the product's price drops or it comes back in stock.""")
	@ApiResponse(responseCode = "204", description = "On the wishlist")
	@ApiResponse(responseCode = "404", description = "No such product")
	@ApiResponse(responseCode = "409", description = "The wishlist is full (problem type `wishlist-full`)")
	@PutMapping("/{productId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void add(@AuthenticationPrincipal CurrentUser user, @PathVariable @Positive long productId) {
		wishlist.add(user.id(), productId);
	}

	@Operation(summary = "Remove a product from my wishlist", description = """
			Idempotent: removing a product that is not there changes nothing. A product deleted from the \
			catalog can still be removed; an id that is neither on the wishlist nor a product answers 404.""")
	@ApiResponse(responseCode = "204", description = "Not on the wishlist (any more)")
	@ApiResponse(responseCode = "404", description = "No such product")
	@DeleteMapping("/{productId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void remove(@AuthenticationPrincipal CurrentUser user, @PathVariable @Positive long productId) {
		wishlist.remove(user.id(), productId);
	}

}
