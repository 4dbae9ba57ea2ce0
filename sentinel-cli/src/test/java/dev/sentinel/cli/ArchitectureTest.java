package dev.sentinel.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.sentinel.core.port.out.Storage;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The architecture as rules the build enforces, over the main classes of every module: core knows no framework and
 * no adapter; inside core the domain stands alone, ports know only the domain, application and adapters do not know
 * each other, and no packages of the library modules form a cycle (the CLI's command tree does, by design); the HTTP and CLI adapters go through the use cases and never open storage
 * sessions themselves; HTTP and persistence do not know each other.
 */
class ArchitectureTest {

    /** What only a storage session hands out: the session and the stores inside it. */
    private static final DescribedPredicate<JavaClass> SESSION_PORTS = DescribedPredicate.describe(
            "the storage session and its stores", type -> type.getPackageName().equals("dev.sentinel.core.port.out")
                    && Set.of("StorageSession", "AgentUsers", "Passes", "ActivityLog", "UsageRollups", "SigningKeys",
                            "AuditTrail", "Settings", "RevokedTokens").contains(type.getSimpleName()));

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sentinel");

    @Test
    void coreDependsOnTheJdkGuavaAndBouncyCastleOnly() {
        check(classes().that().resideInAPackage("dev.sentinel.core..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax.crypto..", "dev.sentinel.core..", "com.google.common..",
                        "org.bouncycastle.."));
    }

    @Test
    void theDomainStandsAlone() {
        check(classes().that().resideInAPackage("dev.sentinel.core.domain..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.sentinel.core.domain.."));
    }

    @Test
    void portsKnowOnlyTheDomain() {
        check(classes().that().resideInAPackage("dev.sentinel.core.port..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.sentinel.core.domain..", "dev.sentinel.core.port.."));
    }

    @Test
    void applicationServicesAndCoresAdaptersDoNotKnowEachOther() {
        check(noClasses().that().resideInAPackage("dev.sentinel.core.application..").should().dependOnClassesThat()
                .resideInAPackage("dev.sentinel.core.adapter.."));
        check(noClasses().that().resideInAPackage("dev.sentinel.core.adapter..").should().dependOnClassesThat()
                .resideInAPackage("dev.sentinel.core.application.."));
    }

    @Test
    void noPackagesOfCoreOrItsLibraryAdaptersFormACycle() {
        for (String module : new String[] {"core", "http", "persistence"}) {
            check(slices().matching("dev.sentinel." + module + ".(**)").should().beFreeOfCycles());
        }
    }

    @Test
    void theHttpAndCliAdaptersNeverOpenStorageSessions() {
        check(noClasses().that().resideInAnyPackage("dev.sentinel.http..", "dev.sentinel.cli..")
                .should().callMethod(Storage.class, "inTransaction", java.util.function.Function.class)
                .orShould().callMethod(Storage.class, "read", java.util.function.Function.class)
                .orShould().dependOnClassesThat(SESSION_PORTS)
                .because("adapters call use cases; only core services open storage sessions"));
    }

    @Test
    void httpAndPersistenceDoNotKnowEachOtherAndNothingKnowsTheCli() {
        check(noClasses().that().resideInAPackage("dev.sentinel.http..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.sentinel.persistence..", "dev.sentinel.cli.."));
        check(noClasses().that().resideInAPackage("dev.sentinel.persistence..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.sentinel.http..", "dev.sentinel.cli.."));
    }

    private static void check(ArchRule rule) {
        rule.check(MAIN);
    }
}
