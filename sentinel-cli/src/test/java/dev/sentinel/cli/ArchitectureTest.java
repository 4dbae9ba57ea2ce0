package dev.sentinel.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.sentinel.core.port.out.Storage;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The architecture as rules the build enforces, over the main classes of every module: core knows no framework and
 * no adapter; inside core the domain stands alone, ports know only the domain, application and adapters do not know
 * each other, and no packages of the library modules form a cycle (the CLI's command tree does, by design); the HTTP
 * and CLI adapters go through the use cases and never open storage sessions themselves; HTTP and persistence do not
 * know each other; each OAuth endpoint asks exactly one use case, the HTTP module composes nothing of core, the
 * resource-server module knows no framework, and no adapter reaches into another adapter's internals.
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
    void coreDependsOnTheJdkGuavaBouncyCastleAndNimbusJoseOnly() {
        check(classes().that().resideInAPackage("dev.sentinel.core..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax.crypto..", "dev.sentinel.core..", "com.google.common..",
                        "org.bouncycastle..", "com.nimbusds.jose..", "com.nimbusds.jwt.."));
    }

    @Test
    void theDomainStandsAlone() {
        check(classes().that().resideInAPackage("dev.sentinel.core.domain..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.sentinel.core.domain.."));
    }

    @Test
    void portsKnowOnlyTheDomain() {
        // port.in.PassKeysInput reads a JWK set with the one check of such sets, fetch.PublicJwks
        check(classes().that().resideInAPackage("dev.sentinel.core.port..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.sentinel.core.domain..", "dev.sentinel.core.port..",
                        "dev.sentinel.core.fetch..", "com.nimbusds.jose.jwk.."));
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
        for (String module : new String[] {"core", "http", "persistence", "resource"}) {
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

    /** Core's use cases: the classes of its application packages that are neither values (records, enums) nor failures. */
    private static final DescribedPredicate<JavaClass> USE_CASES = DescribedPredicate.describe("a core use case",
            type -> type.getPackageName().startsWith("dev.sentinel.core.application") && !type.isRecord()
                    && !type.isEnum() && !type.isAssignableTo(Throwable.class) && !type.isInterface());

    @Test
    void eachOAuthEndpointCallsExactlyOneCoreUseCase() {
        check(classes().that().haveNameMatching("dev\\.sentinel\\.http\\.oauth\\.[A-Za-z]+Endpoints?")
                .should(callMethodsOfExactlyOne(USE_CASES))
                .because("an OAuth endpoint parses the request, asks one use case and writes JSON; everything else is core's"));
    }

    @Test
    void theHttpModuleConstructsNoCoreServiceAndComposesNoNode() {
        check(noClasses().that().resideInAPackage("dev.sentinel.http..")
                .should().callConstructorWhere(DescribedPredicate.describe("the constructor of a core use case",
                        call -> USE_CASES.test(call.getTargetOwner())))
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.sentinel.core.Sentinel")
                .orShould().callMethod(dev.sentinel.core.SentinelNode.class, "builder", dev.sentinel.core.Sentinel.class,
                        dev.sentinel.core.NodeSettings.class)
                .because("the node is composed in core; the HTTP module serves a node it is given"));
    }

    @Test
    void theResourceServerModuleKnowsNoFramework() {
        check(noClasses().that().resideInAPackage("dev.sentinel.resource..")
                .and().resideOutsideOfPackage("dev.sentinel.resource.servlet..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "javax.servlet..",
                        "org.eclipse.jetty..", "io.javalin..", "com.fasterxml.jackson..", "dev.sentinel.http..",
                        "dev.sentinel.persistence..", "dev.sentinel.cli..")
                .because("a resource server pulls in only what it uses; framework bindings are separate"));
        check(noClasses().that().resideInAPackage("dev.sentinel.resource.servlet..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "io.javalin..",
                        "com.fasterxml.jackson..", "dev.sentinel.http..")
                .because("the servlet binding needs the servlet API and nothing else"));
    }

    @Test
    void noAdapterReachesIntoAnotherAdaptersInternals() {
        check(noClasses().that().resideOutsideOfPackage("dev.sentinel.persistence..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sentinel.persistence.jdbi.adapter..",
                        "dev.sentinel.persistence.jdbi.migration..")
                .because("other modules use persistence through JdbiStorage and DatabaseConfig"));
        check(noClasses().that().resideOutsideOfPackage("dev.sentinel.http..")
                .should().dependOnClassesThat(resideInAPackageOtherThan("dev.sentinel.http", "dev.sentinel.http",
                        "dev.sentinel.http.guard", "dev.sentinel.http.throttle", "dev.sentinel.http.export"))
                .because("other modules use the HTTP module through its server, its Javalin guard, its throttle "
                        + "buckets and its export writer"));
        for (String group : new String[] {"oauth", "admin", "activity", "metrics", "sso"}) {
            check(noClasses().that().resideOutsideOfPackage("dev.sentinel.http." + group)
                    .should().dependOnClassesThat(DescribedPredicate.describe("an internal of http." + group,
                            type -> type.getPackageName().equals("dev.sentinel.http." + group)
                                    && !type.getSimpleName().endsWith("Routes")
                                    && !Set.of("ServerMetrics", "GrantResult", "RequestTiming", "OAuthReplies")
                                    .contains(type.getSimpleName())))
                    .because("each route group installs itself; nobody reaches past its Routes class"));
        }
    }

    /** Classes of {@code root}'s packages other than the ones named. */
    private static DescribedPredicate<JavaClass> resideInAPackageOtherThan(String root, String... allowed) {
        Set<String> open = Set.of(allowed);
        return DescribedPredicate.describe("an internal package of " + root, type ->
                (type.getPackageName().equals(root) || type.getPackageName().startsWith(root + "."))
                        && !open.contains(type.getPackageName()));
    }

    /** The class calls methods of exactly one class that {@code kind} matches. */
    private static ArchCondition<JavaClass> callMethodsOfExactlyOne(DescribedPredicate<JavaClass> kind) {
        return new ArchCondition<>("call methods of exactly one " + kind.getDescription()) {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                Set<String> called = new TreeSet<>();
                for (JavaMethodCall call : type.getMethodCallsFromSelf()) {
                    if (kind.test(call.getTargetOwner())) {
                        called.add(call.getTargetOwner().getName());
                    }
                }
                boolean one = called.size() == 1;
                String message = type.getName() + " calls methods of " + called.size() + " classes that are "
                        + kind.getDescription() + ": " + called;
                events.add(new SimpleConditionEvent(type, one, message));
            }
        };
    }

    private static void check(ArchRule rule) {
        rule.check(MAIN);
    }
}
