package dev.storefront;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Keeps module boundaries honest: modules only use each other's public API, without cycles.
 */
class ModularityTests {

	// Static: analysing the classes is the slow part, and JUnit makes an instance per test.
	private static final ApplicationModules modules = ApplicationModules.of(StorefrontApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		modules.verify();
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}

}
