package io.annotationstore.query;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Read-only JDBC transactions for the analytics queries. Plain JDBC rather than JTA: an export
 * is written after its resource method returned and may run far longer than any transaction
 * timeout, and it needs a server-side cursor (autocommit off, a fetch size), which a JTA-managed
 * connection does not allow us to set.
 */
@ApplicationScoped
public class ReadSnapshot {

    private static final Logger LOG = Logger.getLogger(ReadSnapshot.class);

    /** Work done on the snapshot's connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException, IOException;
    }

    /** Writing done on the snapshot's connection. */
    @FunctionalInterface
    public interface Streamed {
        void write(Connection connection, OutputStream output) throws SQLException, IOException;
    }

    private final AgroalDataSource dataSource;

    ReadSnapshot(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work} in one read-only, repeatable-read transaction, so that all its statements
     * see the same data; the transaction is rolled back afterwards as it has nothing to keep.
     *
     * @return what {@code work} returned
     * @throws UncheckedIOException when writing to the client failed (the client went away)
     * @throws IllegalStateException when the database failed
     */
    public <T> T read(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return work.run(connection);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("analytics query failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A response body that writes in a snapshot of its own, opened when the framework writes the
     * body (after the resource method returned) and closed when the last row is out, or as soon
     * as {@code clientGone} says the client closed the connection.
     *
     * @return the body; writing it fails, so the response is aborted rather than ended, when the
     *     database fails midway
     */
    public StreamingOutput streaming(Streamed body, BooleanSupplier clientGone) {
        return output -> {
            try {
                read(connection -> {
                    body.write(connection, new ClientOutputStream(output, clientGone));
                    return null;
                });
            } catch (UncheckedIOException e) {
                if (!clientGone.getAsBoolean()) {
                    throw e.getCause();
                }
                LOG.debugf("export abandoned by the client: %s", e.getCause().getMessage());
            }
        };
    }
}
