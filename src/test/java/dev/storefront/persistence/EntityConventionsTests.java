package dev.storefront.persistence;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Version;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

/**
 * One base for entity timestamps and versions: no entity repeats them.
 */
class EntityConventionsTests {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.storefront");

	@Test
	void everyEntityWithTimestampsExtendsAuditedEntity() {
		classes().that().areAnnotatedWith(Entity.class).and().doNotHaveSimpleName("OrderItemEntity")
			.should().beAssignableTo(AuditedEntity.class)
			.check(MAIN);
	}

	@Test
	void onlyAuditedEntityDeclaresVersionsAndLifecycleCallbacks() {
		fields().that().areAnnotatedWith(Version.class).should().beDeclaredIn(AuditedEntity.class).check(MAIN);
		methods().that().areAnnotatedWith(PrePersist.class).or().areAnnotatedWith(PreUpdate.class)
			.should().beDeclaredIn(AuditedEntity.class)
			.check(MAIN);
	}

}
