package io.annotationstore.deploy;

import static io.annotationstore.deploy.DeployManifests.list;
import static io.annotationstore.deploy.DeployManifests.map;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.annotationstore.deploy.DeployManifests.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Checks the Kubernetes manifests under deploy/ against what the application really does: its
 * port, health paths, configuration keys and shutdown grace. Plain JUnit: no app is started.
 */
class DeployManifestTest {

    private static final String APP = "annotation-store";
    private static final String NAME_LABEL = "app.kubernetes.io/name";

    private final Properties properties = DeployManifests.applicationProperties();
    /** The port the app listens on in production (Quarkus' default is 8080 too). */
    private final int appPort = Integer.parseInt(properties.getProperty("quarkus.http.port", "8080"));

    private final Map<String, Object> podSpec =
            map(DeployManifests.single("Deployment").content(), "spec", "template", "spec");
    private final Map<String, Object> container = list(podSpec, "containers").stream()
            .filter(c -> APP.equals(c.get("name")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the Deployment has no container named " + APP));

    @Test
    void everyYamlFileUnderDeployParsesIntoNamedObjects() {
        assertFalse(DeployManifests.yamlFiles().isEmpty(), "no YAML under deploy/");
        for (Manifest m : DeployManifests.all()) {
            assertNotNull(m.content().get("apiVersion"), "no apiVersion: " + m.file());
            assertNotNull(m.kind(), "no kind: " + m.file());
            if (!"Kustomization".equals(m.kind())) {
                assertNotNull(m.name(), "no metadata.name: " + m.file());
            }
        }
    }

    @Test
    void containerPortIsTheHttpPortTheAppListensOn() {
        assertEquals(8080, appPort, "the port the images, probes and NetworkPolicy are written for");
        assertEquals(appPort, httpContainerPort());
    }

    @Test
    void probesCallTheSmallRyeHealthEndpointsOnTheAppPort() {
        assertProbe("startupProbe", "/q/health/started");
        assertProbe("livenessProbe", "/q/health/live");
        assertProbe("readinessProbe", "/q/health/ready");
    }

    @Test
    void applicationPropertiesKeepHealthAndMetricsOnTheMainPortUnderSlashQ() {
        for (String moved : List.of(
                "quarkus.http.root-path",
                "quarkus.http.non-application-root-path",
                "quarkus.smallrye-health.root-path",
                "quarkus.smallrye-health.liveness-path",
                "quarkus.smallrye-health.readiness-path",
                "quarkus.smallrye-health.startup-path",
                "quarkus.micrometer.export.prometheus.path")) {
            assertFalse(properties.containsKey(moved), moved + " moves an endpoint the manifests call");
        }
        assertFalse(
                Boolean.parseBoolean(properties.getProperty("quarkus.management.enabled")),
                "the management interface would move health and metrics off port 8080");
        Map<String, Object> annotations =
                map(DeployManifests.single("Deployment").content(), "spec", "template", "metadata", "annotations");
        assertEquals("/q/metrics", annotations.get("prometheus.io/path"));
        assertEquals(String.valueOf(appPort), String.valueOf(annotations.get("prometheus.io/port")));
    }

    @Test
    void serviceSendsPort80ToTheContainersHttpPort() {
        Map<String, Object> port = list(map(DeployManifests.single("Service").content(), "spec"), "ports")
                .get(0);
        assertEquals("http", port.get("name"));
        assertEquals(80, port.get("port"));
        assertEquals(appPort, resolvePort(port.get("targetPort")));
    }

    @Test
    void everyEnvVarTheManifestsSetIsAConfigKeyOfTheApp() {
        Set<String> known = DeployManifests.knownEnvNames(properties);
        Set<String> setByManifests = new TreeSet<>(configMapKeys());
        setByManifests.addAll(secretKeys());
        list(container, "env").forEach(e -> setByManifests.add((String) e.get("name")));
        Set<String> unknown = setByManifests.stream()
                .filter(name -> !known.contains(name) && !name.startsWith("QUARKUS_"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(unknown.isEmpty(), "env vars that no key of application.properties reads: " + unknown);
    }

    @Test
    void everyPropertyWithoutDefaultIsProvidedByTheConfigMapOrTheSecret() {
        Set<String> provided = new HashSet<>(configMapKeys());
        provided.addAll(secretKeys());
        for (String key : properties.stringPropertyNames()) {
            String reference = DeployManifests.requiredReference(properties.getProperty(key));
            if (!key.startsWith("%") && reference != null) {
                assertTrue(
                        provided.contains(reference) || provided.contains(DeployManifests.envName(key)),
                        key + " has no default and neither " + reference + " nor its env name is provided");
            }
        }
    }

    @Test
    void secretsComeOnlyFromTheSecretTemplateWhichHoldsNoValues() {
        Set<String> secretKeys = secretKeys();
        assertTrue(secretKeys.containsAll(
                List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")));
        Set<String> inConfigMap = new TreeSet<>(configMapKeys());
        inConfigMap.retainAll(secretKeys);
        assertTrue(inConfigMap.isEmpty(), "secrets in the ConfigMap: " + inConfigMap);
        Map<String, Object> secret = DeployManifests.single("Secret").content();
        assertFalse(secret.containsKey("data"), "the template must not carry base64 data");
        map(secret, "stringData").forEach((k, v) -> assertTrue(v == null || "".equals(v), k + " has a value"));
    }

    @Test
    void secretTemplateIsNeverAppliedByKustomize() {
        String template = DeployManifests.single("Secret").file().getFileName().toString();
        for (Manifest kustomization : DeployManifests.ofKind("Kustomization")) {
            Object resources = kustomization.content().getOrDefault("resources", List.of());
            assertFalse(
                    ((List<?>) resources).contains(template),
                    kustomization + " would overwrite the real Secret with the empty template");
        }
    }

    @Test
    void deploymentReadsTheConfigMapAndTheSecretDefinedUnderDeploy() {
        Set<String> sources = list(container, "envFrom").stream()
                .map(from -> from.containsKey("configMapRef")
                        ? "ConfigMap/" + map(from, "configMapRef").get("name")
                        : "Secret/" + map(from, "secretRef").get("name"))
                .collect(Collectors.toSet());
        assertEquals(
                Set.of(
                        "ConfigMap/" + DeployManifests.single("ConfigMap").name(),
                        "Secret/" + DeployManifests.single("Secret").name()),
                sources);
    }

    @Test
    void containerDeclaresCpuAndMemoryRequestsAndLimits() {
        for (String bound : List.of("requests", "limits")) {
            Map<String, Object> resources = map(container, "resources", bound);
            assertAll(
                    bound,
                    () -> assertNotNull(resources.get("cpu"), bound + ".cpu"),
                    () -> assertNotNull(resources.get("memory"), bound + ".memory"));
        }
    }

    @Test
    void containerRunsAsNonRootOnAReadOnlyRootWithoutPrivileges() {
        Map<String, Object> security = map(container, "securityContext");
        assertEquals(true, security.get("runAsNonRoot"), "runAsNonRoot");
        assertEquals(true, security.get("readOnlyRootFilesystem"), "readOnlyRootFilesystem");
        assertEquals(false, security.get("allowPrivilegeEscalation"), "allowPrivilegeEscalation");
        assertEquals(List.of("ALL"), map(security, "capabilities").get("drop"), "capabilities.drop");
        assertEquals("RuntimeDefault", map(security, "seccompProfile").get("type"), "seccompProfile");
        assertEquals(true, map(podSpec, "securityContext").get("runAsNonRoot"));
        Map<String, Object> tmp = list(container, "volumeMounts").stream()
                .filter(mount -> "/tmp".equals(mount.get("mountPath")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no writable /tmp on a read-only root filesystem"));
        assertTrue(list(podSpec, "volumes").stream()
                .anyMatch(v -> tmp.get("name").equals(v.get("name")) && v.containsKey("emptyDir")));
    }

    @Test
    void terminationGraceOutlastsTheIngestShutdownGraceAndThePreStopSleep() {
        String grace =
                configMap().getOrDefault("INGEST_SHUTDOWN_GRACE", properties.getProperty("ingest.shutdown-grace"));
        Object lifecycle = container.getOrDefault("lifecycle", Map.of());
        Object preStop = ((Map<?, ?>) lifecycle).get("preStop");
        Object sleep = preStop == null ? null : ((Map<?, ?>) preStop).get("sleep");
        long preStopSeconds = sleep == null ? 0 : ((Number) ((Map<?, ?>) sleep).get("seconds")).longValue();
        Duration needed = DeployManifests.duration(grace).plusSeconds(preStopSeconds);
        long terminationGrace = ((Number) podSpec.get("terminationGracePeriodSeconds")).longValue();
        assertTrue(
                terminationGrace > needed.toSeconds(),
                "terminationGracePeriodSeconds " + terminationGrace + " must exceed " + needed.toSeconds());
    }

    @Test
    void ingressExposesOnlyTheWebhookPathToTheService() {
        for (Manifest ingress : DeployManifests.ofKind("Ingress")) {
            for (Map<String, Object> rule : list(map(ingress.content(), "spec"), "rules")) {
                for (Map<String, Object> path : list(map(rule, "http"), "paths")) {
                    assertEquals("/webhooks/scale", path.get("path"), ingress.toString());
                    assertEquals(APP, map(path, "backend", "service").get("name"));
                }
            }
        }
    }

    @Test
    void networkPolicyAdmitsOnlyTheAppPortIncludingFromMonitoring() {
        Map<String, Object> spec = map(DeployManifests.single("NetworkPolicy").content(), "spec");
        List<Map<String, Object>> ingress = list(spec, "ingress");
        ingress.forEach(rule -> list(rule, "ports").forEach(p -> assertEquals(appPort, p.get("port"))));
        assertTrue(ingress.stream()
                .flatMap(rule -> list(rule, "from").stream())
                .filter(from -> from.containsKey("namespaceSelector"))
                .anyMatch(from -> "monitoring"
                        .equals(map(from, "namespaceSelector", "matchLabels").get("kubernetes.io/metadata.name"))));
    }

    @Test
    void imagesRunAsTheDeploymentsUserAndExposeTheAppPort() throws IOException {
        Object runAsUser = map(podSpec, "securityContext").get("runAsUser");
        for (String dockerfile : List.of("Dockerfile.jvm", "Dockerfile.native", "Dockerfile.native-micro")) {
            List<String> lines = Files.readAllLines(DeployManifests.DOCKER.resolve(dockerfile));
            assertTrue(lines.contains("EXPOSE " + appPort), dockerfile + " exposes " + appPort);
            assertTrue(lines.contains("USER " + runAsUser), dockerfile + " runs as " + runAsUser);
        }
    }

    @Test
    void everyObjectCarriesTheAppLabelAndEverySelectorMatchesThePods() {
        Map<String, Object> podLabels =
                map(DeployManifests.single("Deployment").content(), "spec", "template", "metadata", "labels");
        assertEquals(APP, podLabels.get(NAME_LABEL));
        DeployManifests.all().stream()
                .filter(m -> !"Kustomization".equals(m.kind()))
                .forEach(m ->
                        assertEquals(APP, map(m.content(), "metadata", "labels").get(NAME_LABEL), m.toString()));
        Function<String, Map<String, Object>> spec =
                kind -> map(DeployManifests.single(kind).content(), "spec");
        for (Map<String, Object> selector : List.of(
                map(spec.apply("Service"), "selector"),
                map(spec.apply("Deployment"), "selector", "matchLabels"),
                map(spec.apply("PodDisruptionBudget"), "selector", "matchLabels"),
                map(spec.apply("NetworkPolicy"), "podSelector", "matchLabels"))) {
            assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), "selector " + selector);
        }
        assertEquals(
                DeployManifests.single("Deployment").name(),
                map(spec.apply("HorizontalPodAutoscaler"), "scaleTargetRef").get("name"));
        Manifest account = DeployManifests.single("ServiceAccount");
        assertEquals(account.name(), podSpec.get("serviceAccountName"));
        assertEquals(false, account.content().get("automountServiceAccountToken"));
    }

    private void assertProbe(String probe, String path) {
        Map<String, Object> get = map(container, probe, "httpGet");
        assertEquals(path, get.get("path"), probe);
        assertEquals(appPort, resolvePort(get.get("port")), probe);
    }

    private int httpContainerPort() {
        return resolvePort("http");
    }

    /** A port number as written, or the containerPort of the container port with that name. */
    private int resolvePort(Object port) {
        if (port instanceof Integer number) {
            return number;
        }
        return (Integer) list(container, "ports").stream()
                .filter(p -> port.equals(p.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port))
                .get("containerPort");
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> configMap() {
        return (Map<String, String>)
                (Map<String, ?>) map(DeployManifests.single("ConfigMap").content(), "data");
    }

    private Set<String> configMapKeys() {
        return configMap().keySet();
    }

    private Set<String> secretKeys() {
        Map<String, Object> secret = DeployManifests.single("Secret").content();
        Set<String> keys = new TreeSet<>(
                secret.containsKey("stringData") ? map(secret, "stringData").keySet() : Set.of());
        keys.addAll(secret.containsKey("data") ? map(secret, "data").keySet() : Set.of());
        return keys;
    }
}
