package dev.storefront.catalog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.storefront.web.ApiAccess;
import dev.storefront.web.ApiAccess.Audience;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.Explode;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.storefront.web.PageResponse;

@Tag(name = "catalog")
@ApiAccess(Audience.ANYONE)
@RestController
@RequestMapping("/api/products")
class ProductController {

	private final ProductService products;

	private final WishlistMarking wishlist;

	ProductController(ProductService products, WishlistMarking wishlist) {
		this.products = products;
		this.wishlist = wishlist;
	}

	@Operation(summary = "Search and list products", description = """
			Filters combine: `category` (id), `q` (case-insensitive substring of the name), `minPrice`/`maxPrice`. \
			Sort by `price`, `name`, `createdAt` or `id`, e.g. `sort=price,desc`. Pages are cached for a few minutes \
			and invalidated when a product of the page changes. For a signed-in caller each product carries \
			`wishlisted` (one wishlist lookup per page); anonymous responses leave it out.""")
	@Parameter(name = "page", schema = @Schema(type = "integer", format = "int32", minimum = "0", defaultValue = "0"))
	@Parameter(name = "size", schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "100", defaultValue = "20"))
	@Parameter(name = "sort", schema = @Schema(type = "string", pattern = "^(price|name|createdAt|id)(,(asc|desc))?$"), example = "price,asc")
	@GetMapping
	PageResponse<Product> list(@RequestParam(required = false) Long category, @RequestParam(required = false) String q,
			@RequestParam(required = false) BigDecimal minPrice, @RequestParam(required = false) BigDecimal maxPrice,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
			@RequestParam(required = false) String sort, HttpServletResponse response) {
		return wishlist.mark(products.list(new ProductQuery(category, q, minPrice, maxPrice, page, size, sort)), response);
	}

	@Operation(summary = "Get a product by id", description = """
			Conditional: send the `ETag` back in `If-None-Match` to get 304. For a signed-in caller the product \
			carries `wishlisted`, and the ETag differs with it.""")
	@ApiResponse(responseCode = "200", description = "The product", headers = @Header(name = "ETag", ref = "#/components/headers/ETag"))
	@ApiResponse(responseCode = "304", description = "Unchanged since the `If-None-Match` ETag", content = @Content, headers = @Header(name = "ETag", ref = "#/components/headers/ETag"))
	@GetMapping("/{id}")
	ResponseEntity<Product> find(@PathVariable long id,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			HttpServletResponse response) {
		return conditional(wishlist.mark(products.find(id), response), ifNoneMatch);
	}

	@Operation(summary = "Get a product by slug", description = "Conditional like the lookup by id.")
	@ApiResponse(responseCode = "200", description = "The product", headers = @Header(name = "ETag", ref = "#/components/headers/ETag"))
	@ApiResponse(responseCode = "304", description = "Unchanged since the `If-None-Match` ETag", content = @Content, headers = @Header(name = "ETag", ref = "#/components/headers/ETag"))
	@GetMapping("/slug/{slug}")
	ResponseEntity<Product> findBySlug(@PathVariable String slug,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			HttpServletResponse response) {
		return conditional(wishlist.mark(products.findBySlug(slug), response), ifNoneMatch);
	}

	@Operation(summary = "Get several products by id", description = "At most 100 ids; the products found, in the order asked. Served from the cache where possible; `wishlisted` as in listings.")
	@Parameter(name = "ids", description = "Comma-separated product ids, e.g. `1,2,3`", explode = Explode.FALSE)
	@GetMapping("/batch")
	List<Product> batch(@RequestParam List<Long> ids, HttpServletResponse response) {
		return wishlist.mark(products.findAll(ids), response);
	}

	@ApiAccess(Audience.ADMIN)
	@Operation(summary = "Create a product")
	@ApiResponse(responseCode = "201", description = "Created", headers = { @Header(name = "Location", ref = "#/components/headers/Location"),
			@Header(name = "ETag", ref = "#/components/headers/ETag") })
	@ApiResponse(responseCode = "409", description = "The slug or SKU is taken, or the category does not exist")
	@PostMapping
	ResponseEntity<Product> create(@Valid @RequestBody ProductRequest request) {
		Product created = products.create(request);
		return ResponseEntity.created(URI.create("/api/products/" + created.id())).eTag(created.etag()).body(created);
	}

	@ApiAccess(Audience.ADMIN)
	@Operation(summary = "Replace a product", description = "Send the product's `ETag` in `If-Match` to update only the version you read.")
	@ApiResponse(responseCode = "200", description = "Updated", headers = @Header(name = "ETag", ref = "#/components/headers/ETag"))
	@ApiResponse(responseCode = "409", description = "The slug or SKU is taken, or the category does not exist")
	@ApiResponse(responseCode = "412", description = "`If-Match` does not match the current version")
	@PutMapping("/{id}")
	ResponseEntity<Product> update(@PathVariable long id, @Valid @RequestBody ProductRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		Product updated = products.update(id, request, ifMatch);
		return ResponseEntity.ok().eTag(updated.etag()).body(updated);
	}

	@ApiAccess(Audience.ADMIN)
	@Operation(summary = "Adjust a product's stock", description = "Adds `delta` (negative to remove) in one guarded update.")
	@ApiResponse(responseCode = "200", description = "Adjusted", headers = @Header(name = "ETag", ref = "#/components/headers/ETag"))
	@ApiResponse(responseCode = "409", description = "Stock would fall below zero")
	@PatchMapping("/{id}/stock")
	ResponseEntity<Product> adjustStock(@PathVariable long id, @Valid @RequestBody StockAdjustment adjustment) {
		Product updated = products.adjustStock(id, adjustment.delta());
		return ResponseEntity.ok().eTag(updated.etag()).body(updated);
	}

	@ApiAccess(Audience.ADMIN)
	@Operation(summary = "Delete a product", description = "Soft delete: the product disappears from reads; orders keep it.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id) {
		products.delete(id);
	}

	private static ResponseEntity<Product> conditional(Product product, String ifNoneMatch) {
		String etag = product.etag();
		if (ifNoneMatch != null && ETags.matches(ifNoneMatch, etag)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
		}
		return ResponseEntity.ok().eTag(etag).body(product);
	}

}
