package io.annotationstore.infra;

import java.sql.SQLException;
import java.util.Locale;
import org.jboss.logging.Logger;

/** Tells a database that cannot be reached from one that refused a statement. */
public final class DatabaseFailures {

    private static final Logger LOG = Logger.getLogger(DatabaseFailures.class);

    private DatabaseFailures() {}

    /**
     * Runs a scheduled job. While the database is out of reach it says so in one line: the
     * scheduler would log a stack trace on every run, every few seconds.
     */
    public static void runScheduled(String job, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            if (!unavailable(e)) {
                throw e;
            }
            LOG.warnf("%s skipped, the database is out of reach: %s", job, e.getMessage());
        }
    }

    /**
     * True when {@code failure} was caused by the database being out of reach: a connection that
     * could not be made or broke (SQLState class 08), a server shutting down or starting (57P01–03),
     * or no pooled connection within the acquisition timeout (Agroal gives that no SQLState).
     */
    public static boolean unavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.matches("57P0[123]"))) {
                    return true;
                }
                String message = sql.getMessage();
                if (message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }
}
