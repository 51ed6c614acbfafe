package dev.storefront.web;

import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.Set;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.PropertyCustomizer;

import org.springframework.stereotype.Component;

/**
 * Marks a property {@code nullable} unless it cannot be null: a primitive, or a field validated as
 * present. The API writes nulls (a category without a description, an empty cart's currency), and a
 * description that says "string" where the server sends {@code null} breaks generated clients.
 */
@Component
class OpenApiNullability implements PropertyCustomizer {

	private static final Set<String> PRESENT = Set.of("NotNull", "NotBlank", "NotEmpty", "NonNull");

	@Override
	public Schema customize(Schema property, AnnotatedType type) {
		if (property == null || property.get$ref() != null || type.getType() == null) {
			return property;
		}
		Annotation[] annotations = type.getCtxAnnotations() == null ? new Annotation[0] : type.getCtxAnnotations();
		boolean present = Arrays.stream(annotations).anyMatch(a -> PRESENT.contains(a.annotationType().getSimpleName()));
		if (!isPrimitive(type.getType()) && !present) {
			property.setNullable(true);
		}
		return property;
	}

	/** swagger-core hands over a Class or its own (Jackson 2) JavaType, which also answers isPrimitive(). */
	private static boolean isPrimitive(java.lang.reflect.Type type) {
		if (type instanceof Class<?> clazz) {
			return clazz.isPrimitive();
		}
		try {
			return (Boolean) type.getClass().getMethod("isPrimitive").invoke(type);
		}
		catch (ReflectiveOperationException ex) {
			return false;
		}
	}

}
