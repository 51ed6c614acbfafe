package dev.storefront.web;

import java.util.List;
import java.util.function.Function;

import org.springframework.data.domain.Page;

/**
 * The JSON envelope of every paged listing: {@code {content:[...], page:{number,size,totalElements,totalPages}}}.
 *
 * @param content the items of this page
 * @param page where this page sits in the whole result
 */
public record PageResponse<T>(List<T> content, PageMetadata page) {

	/**
	 * Position of a page in the whole result.
	 */
	public record PageMetadata(int number, int size, long totalElements, int totalPages) {
	}

	public static <S, T> PageResponse<T> of(Page<S> page, Function<S, T> mapper) {
		return new PageResponse<>(page.getContent().stream().map(mapper).toList(),
				new PageMetadata(page.getNumber(), page.getSize(), page.getTotalElements(), page.getTotalPages()));
	}

}
