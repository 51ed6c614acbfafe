package dev.storefront.catalog;

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

@RestController
@RequestMapping("/api/categories")
class CategoryController {

	private final CategoryService categories;

	CategoryController(CategoryService categories) {
		this.categories = categories;
	}

	@GetMapping
	List<Category> list() {
		return categories.findAll();
	}

	@GetMapping("/{id}")
	Category find(@PathVariable long id) {
		return categories.find(id);
	}

	@PostMapping
	ResponseEntity<Category> create(@Valid @RequestBody CategoryRequest request) {
		Category created = categories.create(request);
		return ResponseEntity.created(URI.create("/api/categories/" + created.id())).body(created);
	}

	@PutMapping("/{id}")
	Category update(@PathVariable long id, @Valid @RequestBody CategoryRequest request) {
		return categories.update(id, request);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id) {
		categories.delete(id);
	}

}
