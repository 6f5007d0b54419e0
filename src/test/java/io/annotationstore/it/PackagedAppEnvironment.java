package io.annotationstore.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Configuration for the packaged application (JVM jar, or the native executable with
 * {@code -Dnative}): it runs in the prod profile, so the database and secrets come from here,
 * as they would from a Kubernetes Secret.
 */
public class PackagedAppEnvironment implements QuarkusTestResourceLifecycleManager {

    public static final String CALLBACK_KEY = "it-callback-key";
    public static final String READER = "it-reader-token";
    public static final String ADMIN = "it-admin-token";

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.datasource.jdbc.url",
                env("TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
                "quarkus.datasource.username",
                env("TEST_DB_USER", "postgres"),
                "quarkus.datasource.password",
                env("TEST_DB_PASSWORD", ""),
                "scale.callback.auth-keys",
                CALLBACK_KEY,
                "scale.api.key",
                "it-scale-api-key",
                "api.reader-tokens",
                READER,
                "api.admin-tokens",
                ADMIN,
                "ingest.worker.poll-interval",
                "200ms");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void stop() {}
}
