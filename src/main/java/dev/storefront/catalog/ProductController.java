package dev.storefront.catalog;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

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

@RestController
@RequestMapping("/api/products")
class ProductController {

	private final ProductService products;

	ProductController(ProductService products) {
		this.products = products;
	}

	@GetMapping
	PageResponse<Product> list(@RequestParam(required = false) Long category, @RequestParam(required = false) String q,
			@RequestParam(required = false) BigDecimal minPrice, @RequestParam(required = false) BigDecimal maxPrice,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
			@RequestParam(required = false) String sort) {
		return products.list(new ProductQuery(category, q, minPrice, maxPrice, page, size, sort));
	}

	@GetMapping("/{id}")
	ResponseEntity<Product> find(@PathVariable long id,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		return conditional(products.find(id), ifNoneMatch);
	}

	@GetMapping("/slug/{slug}")
	ResponseEntity<Product> findBySlug(@PathVariable String slug,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		return conditional(products.findBySlug(slug), ifNoneMatch);
	}

	@GetMapping("/batch")
	List<Product> batch(@RequestParam List<Long> ids) {
		return products.findAll(ids);
	}

	@PostMapping
	ResponseEntity<Product> create(@Valid @RequestBody ProductRequest request) {
		Product created = products.create(request);
		return ResponseEntity.created(URI.create("/api/products/" + created.id())).eTag(created.etag()).body(created);
	}

	@PutMapping("/{id}")
	ResponseEntity<Product> update(@PathVariable long id, @Valid @RequestBody ProductRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		Product updated = products.update(id, request, ifMatch);
		return ResponseEntity.ok().eTag(updated.etag()).body(updated);
	}

	@PatchMapping("/{id}/stock")
	ResponseEntity<Product> adjustStock(@PathVariable long id, @Valid @RequestBody StockAdjustment adjustment) {
		Product updated = products.adjustStock(id, adjustment.delta());
		return ResponseEntity.ok().eTag(updated.etag()).body(updated);
	}

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
