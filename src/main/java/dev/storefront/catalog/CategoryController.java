package dev.storefront.catalog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.storefront.web.ApiAccess;
import dev.storefront.web.ApiAccess.Audience;
import io.swagger.v3.oas.annotations.headers.Header;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "catalog")
@ApiAccess(Audience.ANYONE)
@RestController
@RequestMapping("/api/categories")
class CategoryController {

	private final CategoryService categories;

	CategoryController(CategoryService categories) {
		this.categories = categories;
	}

	@Operation(summary = "List categories")
	@GetMapping
	List<Category> list() {
		return categories.findAll();
	}

	@Operation(summary = "Get a category")
	@GetMapping("/{id}")
	Category find(@PathVariable long id) {
		return categories.find(id);
	}

	@ApiAccess(Audience.ADMIN)
	@Operation(summary = "Create a category")
	@ApiResponse(responseCode = "201", description = "Created", headers = @Header(name = "Location", ref = "#/components/headers/Location"))
	@ApiResponse(responseCode = "409", description = "The name or slug is taken")
	@PostMapping
	ResponseEntity<Category> create(@Valid @RequestBody CategoryRequest request) {
		Category created = categories.create(request);
		return ResponseEntity.created(URI.create("/api/categories/" + created.id())).body(created);
	}

	@ApiAccess(Audience.ADMIN)
	@Operation(summary = "Rename a category")
	@ApiResponse(responseCode = "200", description = "Updated")
	@ApiResponse(responseCode = "409", description = "The name or slug is taken")
	@PutMapping("/{id}")
	Category update(@PathVariable long id, @Valid @RequestBody CategoryRequest request) {
		return categories.update(id, request);
	}

	@ApiAccess(Audience.ADMIN)
	@Operation(summary = "Delete a category")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "409", description = "The category still has products")
	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id) {
		categories.delete(id);
	}

}
