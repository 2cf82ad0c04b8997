package dev.realtimehub.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture as docs/ARCHITECTURE.md draws it, checked against the compiled classes of every module: no package
 * cycle anywhere, the core's packages layered as the document's table says, and the core free of Netty and Redis.
 */
class ArchitectureTest {

    private static final String CORE = "dev.realtimehub.core.";

    /**
     * The core's packages from the bottom up, each with the core packages it may use: the table of
     * docs/ARCHITECTURE.md, in the same order.
     */
    static final Map<String, List<String>> CORE_LAYERS = new LinkedHashMap<>();

    static {
        CORE_LAYERS.put("util", List.of());
        CORE_LAYERS.put("internal", List.of());
        CORE_LAYERS.put("auth", List.of());
        CORE_LAYERS.put("presence", List.of()); // presence (issue 18)
        CORE_LAYERS.put("api", List.of("util", "internal"));
        CORE_LAYERS.put("topics", List.of("api", "util", "internal"));
        CORE_LAYERS.put("history", List.of("api", "topics"));
        CORE_LAYERS.put("wire", List.of("api", "util", "presence"));
        CORE_LAYERS.put("spi", List.of("api", "auth", "history", "topics", "presence"));
        CORE_LAYERS.put("broadcast", List.of("api"));
        CORE_LAYERS.put("bus", List.of("api", "topics"));
        CORE_LAYERS.put("health", List.of("api", "spi", "topics", "util", "internal"));
        CORE_LAYERS.put("broker", List.of("api", "history", "spi", "topics", "util"));
        CORE_LAYERS.put("presence.tracking", List.of("api", "presence", "spi", "topics", "wire")); // presence (issue 18)
        CORE_LAYERS.put("delivery", List.of("api", "spi", "topics", "wire", "util"));
        CORE_LAYERS.put("connection", List.of("api", "auth", "delivery", "history", "spi", "topics", "util", "wire",
                "presence", "presence.tracking"));
        CORE_LAYERS.put("protocol", List.of("api", "bus", "connection", "topics", "util", "wire"));
        CORE_LAYERS.put("engine", List.of("api", "auth", "broadcast", "broker", "bus", "connection", "delivery",
                "health", "history", "protocol", "spi", "topics", "util", "wire", "presence", "presence.tracking"));
    }

    private static JavaClasses classes;

    @BeforeAll
    static void importEveryModule() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.realtimehub");
    }

    @Test
    void everyModuleIsOnTheClasspath() {
        Set<String> roots = classes.stream().map(JavaClass::getPackageName)
                .map(name -> name.split("\\.")[2]).collect(Collectors.toCollection(TreeSet::new));
        assertThat(roots).containsExactlyInAnyOrder("core", "transport", "redis", "server", "app", "bench", "spring");
    }

    @Test
    void onlyTheSpringBootStarterUsesSpring() {
        // the hub's jars stay free of Spring: an application on Spring Boot and one without run the same hub
        noClasses().that().resideInAPackage("dev.realtimehub..").and().resideOutsideOfPackage("dev.realtimehub.spring..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(classes);
    }

    @Test
    void noPackageCycleInAnyModule() {
        // (**) makes every package its own slice, a subpackage included
        slices().matching("dev.realtimehub.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void coreImportsNeitherNettyNorRedis() {
        noClasses().that().resideInAPackage("dev.realtimehub.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "io.lettuce..", "redis..",
                        "dev.realtimehub.transport..", "dev.realtimehub.redis..", "dev.realtimehub.server..")
                .check(classes);
    }

    @Test
    void corePackagesUseOnlyTheLayersBelowThem() {
        for (Map.Entry<String, List<String>> layer : CORE_LAYERS.entrySet()) {
            String[] allowed = layer.getValue().stream().map(name -> CORE + name).toArray(String[]::new);
            classes().that().resideInAPackage(CORE + layer.getKey())
                    .should().onlyDependOnClassesThat(outsideCoreOrIn(CORE + layer.getKey(), allowed))
                    .as("core." + layer.getKey() + " uses only " + layer.getValue())
                    .check(classes);
        }
    }

    @Test
    void everyCorePackageHasItsLayer() {
        Set<String> packages = classes.stream().map(JavaClass::getPackageName)
                .filter(name -> name.startsWith(CORE)).map(name -> name.substring(CORE.length()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(packages).as("core packages; a new one needs its row here and in docs/ARCHITECTURE.md")
                .containsExactlyInAnyOrderElementsOf(CORE_LAYERS.keySet());
    }

    @Test
    void theArchitectureDocumentNamesEveryLayerInOrder() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "ARCHITECTURE.md"));
        int last = -1;
        for (String layer : CORE_LAYERS.keySet()) {
            int at = doc.indexOf("| `core." + layer + "` |");
            assertThat(at).as("docs/ARCHITECTURE.md has a row for core." + layer).isPositive();
            assertThat(at).as("core." + layer + " comes after the layers it uses").isGreaterThan(last);
            last = at;
        }
        for (String term : List.of("lane", "run", "burst", "batch", "window", "degrade")) {
            assertThat(doc).as("the glossary defines " + term).contains("**" + term + "**");
        }
    }

    private static DescribedPredicate<JavaClass> outsideCoreOrIn(String own, String... allowed) {
        return new DescribedPredicate<>("outside the core, or in " + own + " or " + String.join(", ", allowed)) {
            @Override
            public boolean test(JavaClass target) {
                String name = target.getPackageName();
                if (!name.startsWith("dev.realtimehub.core")) {
                    return true;
                }
                if (name.equals(own)) {
                    return true;
                }
                for (String a : allowed) {
                    if (name.equals(a)) {
                        return true;
                    }
                }
                return false;
            }
        };
    }
}
