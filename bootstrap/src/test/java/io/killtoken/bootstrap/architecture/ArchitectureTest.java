package io.killtoken.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.killtoken.domain.provider.ProviderModule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module boundaries of the hexagon, checked on the production classes of every module. */
class ArchitectureTest {

  /**
   * The one library provider modules may share: the OpenAI wire client under OpenAI and the
   * OpenAI-compatible providers. It is a library, not a provider: it depends on no provider module.
   */
  private static final String OPENAI_WIRE = "io.killtoken.adapters.providers.openaiwire..";

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Test-jars of other modules (fakes, contracts) are not production code either.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.killtoken");
  }

  @Test
  void every_module_was_imported() {
    for (String root :
        new String[] {
          "io.killtoken.domain",
          "io.killtoken.application",
          "io.killtoken.adapters.http",
          "io.killtoken.adapters.mongo",
          "io.killtoken.adapters.redis",
          "io.killtoken.adapters.memory",
          "io.killtoken.adapters.crypto",
          "io.killtoken.adapters.providers.openai",
          "io.killtoken.adapters.providers.openaiwire",
          "io.killtoken.adapters.providers.openaicompatible",
          "io.killtoken.adapters.providers.anthropic",
          "io.killtoken.adapters.providers.gemini",
          "io.killtoken.bootstrap"
        }) {
      // A package or its subpackages: "providers.openai" must not count "providers.openaiwire".
      if (classes.stream()
          .noneMatch(
              c -> c.getPackageName().equals(root) || c.getPackageName().startsWith(root + "."))) {
        throw new AssertionError("no production class imported under " + root);
      }
    }
  }

  @Test
  void the_domain_depends_only_on_the_jdk() {
    // javax.crypto is the JDK's own HMAC, used by prompt fingerprinting.
    classes()
        .that()
        .resideInAPackage("io.killtoken.domain..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.killtoken.domain..", "java..", "javax.crypto..")
        .check(classes);
  }

  @Test
  void the_application_depends_only_on_the_domain_and_the_jdk() {
    classes()
        .that()
        .resideInAPackage("io.killtoken.application..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.killtoken.application..", "io.killtoken.domain..", "java..")
        .check(classes);
  }

  @Test
  void adapters_never_depend_on_each_other() {
    slices().matching("io.killtoken.adapters.(*)..").should().notDependOnEachOther().check(classes);
  }

  @Test
  void provider_modules_never_depend_on_each_other_only_on_the_shared_wire_library() {
    slices()
        .matching("io.killtoken.adapters.providers.(*)..")
        .should()
        .notDependOnEachOther()
        .ignoreDependency(
            DescribedPredicate.alwaysTrue(), JavaClass.Predicates.resideInAPackage(OPENAI_WIRE))
        .check(classes);
  }

  @Test
  void the_shared_wire_library_depends_on_no_provider_module() {
    classes()
        .that()
        .resideInAPackage(OPENAI_WIRE)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            OPENAI_WIRE, "io.killtoken.domain..", "java..", "com.fasterxml.jackson..")
        .check(classes);
  }

  @Test
  void the_shared_wire_library_is_no_provider_module_of_its_own() {
    // Bootstrap builds whatever ProviderModule it finds; a library offering one would turn up as
    // a provider nobody declared.
    noClasses()
        .that()
        .resideInAPackage(OPENAI_WIRE)
        .should()
        .implement(ProviderModule.class)
        .check(classes);
  }

  @Test
  void nothing_but_bootstrap_depends_on_bootstrap() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.killtoken.bootstrap..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.killtoken.bootstrap..")
        .check(classes);
  }

  @Test
  void the_domain_and_application_never_see_adapters() {
    noClasses()
        .that()
        .resideInAnyPackage("io.killtoken.domain..", "io.killtoken.application..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.killtoken.adapters..")
        .check(classes);
  }

  @Test
  void ports_are_interfaces() {
    classes()
        .that()
        .haveNameMatching(
            "io\\.killtoken\\.domain\\..*\\.[A-Za-z]*(Repository|Sink|Probe|Cipher|RateLimiter)")
        .should()
        .beInterfaces()
        .check(classes);
  }
}
