package dev.realtimehub.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The BOM lists exactly the modules that are published (those that ship a -sources jar), at the reactor's version, so
 * an application importing it finds every artifact it may depend on.
 */
class PublishedArtifactsTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");
    private static final Pattern VERSION = Pattern.compile("<version>([^<$]+)</version>");

    @Test
    void theBomListsEveryPublishedModuleAtTheReactorsVersion() throws IOException {
        String root = Files.readString(ROOT.resolve("pom.xml"));
        List<String> published = new ArrayList<>();
        Matcher module = MODULE.matcher(root);
        while (module.find()) {
            String pom = Files.readString(ROOT.resolve(module.group(1)).resolve("pom.xml"));
            boolean library = pom.contains("<artifactId>realtime-hub-parent</artifactId>")
                    && !pom.contains("<maven.source.skip>true</maven.source.skip>");
            if (library) {
                published.add(ownArtifactId(pom));
            }
        }
        String bom = Files.readString(ROOT.resolve("bom/pom.xml"));
        String managed = bom.substring(bom.indexOf("<dependencyManagement>"), bom.indexOf("</dependencyManagement>"));
        List<String> listed = new ArrayList<>();
        Matcher artifact = ARTIFACT.matcher(managed);
        while (artifact.find()) {
            if (!listed.contains(artifact.group(1))) {
                listed.add(artifact.group(1));
            }
        }
        assertThat(published).contains("hub-core", "hub-server", "realtime-hub-spring-boot-starter");
        assertThat(listed).as("the artifacts bom/pom.xml manages").containsExactlyInAnyOrderElementsOf(published);
        assertThat(firstVersion(bom)).as("the BOM's version").isEqualTo(firstVersion(root));
    }

    /** The module's artifactId: the first one after its parent block. */
    private static String ownArtifactId(String pom) {
        Matcher matcher = ARTIFACT.matcher(pom.substring(pom.indexOf("</parent>")));
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static String firstVersion(String pom) {
        String own = pom.contains("</parent>") ? pom.substring(pom.indexOf("</parent>")) : pom;
        Matcher matcher = VERSION.matcher(own);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
