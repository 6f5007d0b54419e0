package io.annotationstore.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads the manifests under deploy/ and the application's configuration, for DeployManifestTest. */
final class DeployManifests {

    static final Path BASEDIR = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    static final Path DEPLOY = BASEDIR.resolve("deploy");
    static final Path DOCKER = BASEDIR.resolve("src/main/docker");
    static final Path APPLICATION_PROPERTIES = BASEDIR.resolve("src/main/resources/application.properties");

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([^:}]+)(:[^}]*)?}");
    private static final Pattern BARE_REFERENCE = Pattern.compile("\\$\\{([^:}]+)}");

    /** One YAML document and the file it came from. */
    record Manifest(Path file, Map<String, Object> content) {

        String kind() {
            return (String) content.get("kind");
        }

        /** metadata.name, or null for objects without metadata (a Kustomization). */
        String name() {
            return content.get("metadata") instanceof Map<?, ?> metadata ? (String) metadata.get("name") : null;
        }

        @Override
        public String toString() {
            return (name() == null ? kind() : kind() + "/" + name()) + " in " + BASEDIR.relativize(file);
        }
    }

    private DeployManifests() {}

    /** Every non-empty YAML document in every *.yaml / *.yml file under deploy/. */
    @SuppressWarnings("unchecked")
    static List<Manifest> all() {
        List<Manifest> manifests = new ArrayList<>();
        for (Path file : yamlFiles()) {
            try (Reader reader = Files.newBufferedReader(file)) {
                for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                    if (document instanceof Map<?, ?> content) {
                        manifests.add(new Manifest(file, (Map<String, Object>) content));
                    } else if (document != null) {
                        fail(file + " holds a YAML document that is not a mapping");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return manifests;
    }

    /** All manifests of a kind. */
    static List<Manifest> ofKind(String kind) {
        return all().stream().filter(m -> kind.equals(m.kind())).toList();
    }

    /** The one manifest of a kind; fails if there is none or more than one. */
    static Manifest single(String kind) {
        List<Manifest> found = ofKind(kind);
        assertEquals(1, found.size(), "expected exactly one " + kind + " under deploy/, found " + found);
        return found.get(0);
    }

    static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Properties applicationProperties() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(APPLICATION_PROPERTIES)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** MicroProfile Config's environment name: upper case, every non-alphanumeric char becomes '_'. */
    static String envName(String propertyKey) {
        return propertyKey.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Env names the app reads: each key's env form (profile prefix removed) and each ${NAME} it references. */
    static Set<String> knownEnvNames(Properties properties) {
        Set<String> known = new HashSet<>();
        for (String key : properties.stringPropertyNames()) {
            known.add(envName(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key));
            Matcher reference = ENV_REFERENCE.matcher(properties.getProperty(key));
            while (reference.find()) {
                known.add(reference.group(1));
            }
        }
        return known;
    }

    /** The ${NAME} of a property whose whole value is a reference without default, or null. */
    static String requiredReference(String value) {
        Matcher bare = BARE_REFERENCE.matcher(value.strip());
        return bare.matches() ? bare.group(1) : null;
    }

    /** A SmallRye duration: "20s", "2m", "500ms", "1h", plain seconds, or ISO-8601 ("PT20S"). */
    static Duration duration(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("p")) {
            return Duration.parse(v.toUpperCase(Locale.ROOT));
        }
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d)?").matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + value);
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /** The mapping at a path of keys; fails with the path if any step is missing. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> root, String... path) {
        Object node = root;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> current) || !current.containsKey(key)) {
                fail("missing " + String.join(".", path));
            }
            node = ((Map<String, Object>) node).get(key);
        }
        if (!(node instanceof Map<?, ?>)) {
            fail(String.join(".", path) + " is not a mapping");
        }
        return (Map<String, Object>) node;
    }

    /** The list of mappings at a key, or an empty list when the key is absent. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        Object node = parent.get(key);
        return node == null ? List.of() : (List<Map<String, Object>>) node;
    }
}
