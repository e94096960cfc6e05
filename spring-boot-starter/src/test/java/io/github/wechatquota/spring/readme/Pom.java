package io.github.wechatquota.spring.readme;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** What a pom (or a README pom snippet) says, read as XML: its version, properties and dependencies. */
final class Pom {

    /** One {@code <dependency>}; absent elements are empty strings. */
    record Dependency(String groupId, String artifactId, String version, String scope, boolean optional) {

        String key() {
            return groupId + ":" + artifactId;
        }
    }

    private final Element project;

    private Pom(Element project) {
        this.project = project;
    }

    static Pom read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    /** A whole pom, or a snippet of top-level pom elements (wrapped in a {@code <project>} here). */
    static Pom parse(String xml) throws IOException {
        String document = xml.contains("<project") ? xml : "<project>" + xml + "</project>";
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return new Pom(factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("Not a pom: " + e.getMessage(), e);
        }
    }

    String version() {
        return text(project, "version");
    }

    String parentVersion() {
        return child(project, "parent").map(parent -> text(parent, "version")).orElse("");
    }

    String property(String name) {
        return child(project, "properties").map(properties -> text(properties, name)).orElse("");
    }

    List<String> modules() {
        return child(project, "modules").map(modules -> texts(modules, "module")).orElse(List.of());
    }

    String artifactId() {
        return text(project, "artifactId");
    }

    /** The {@code <dependencies>} of the project itself. */
    List<Dependency> dependencies() {
        return child(project, "dependencies").map(Pom::dependencies).orElse(List.of());
    }

    /** The {@code <dependencyManagement>} entries, imported BOMs included. */
    List<Dependency> managedDependencies() {
        return child(project, "dependencyManagement").flatMap(management -> child(management, "dependencies"))
                .map(Pom::dependencies).orElse(List.of());
    }

    Optional<Dependency> dependency(String artifactId) {
        return dependencies().stream().filter(dependency -> dependency.artifactId().equals(artifactId)).findFirst();
    }

    private static List<Dependency> dependencies(Element list) {
        List<Dependency> dependencies = new ArrayList<>();
        for (Element dependency : children(list, "dependency")) {
            dependencies.add(new Dependency(text(dependency, "groupId"), text(dependency, "artifactId"),
                    text(dependency, "version"), text(dependency, "scope"),
                    Boolean.parseBoolean(text(dependency, "optional"))));
        }
        return dependencies;
    }

    private static Optional<Element> child(Element parent, String name) {
        List<Element> children = children(parent, name);
        return children.isEmpty() ? Optional.empty() : Optional.of(children.get(0));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                children.add(element);
            }
        }
        return children;
    }

    private static String text(Element parent, String name) {
        return child(parent, name).map(element -> element.getTextContent().trim()).orElse("");
    }

    private static List<String> texts(Element parent, String name) {
        return children(parent, name).stream().map(element -> element.getTextContent().trim()).toList();
    }
}
