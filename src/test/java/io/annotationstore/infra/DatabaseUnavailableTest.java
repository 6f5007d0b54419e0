package io.annotationstore.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** A database out of reach is a 503 the client may retry, not a 500; any other failure stays a 500. */
class DatabaseUnavailableTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void aRefusedConnectionIsA503WithRetryAfter() {
        Response answer = mappers.unexpected(new PersistenceException(
                new PSQLException("Connection to 127.0.0.1:5432 refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT)));
        assertEquals(503, answer.getStatus());
        assertEquals(Problem.MEDIA_TYPE, answer.getMediaType().toString());
        assertEquals("10", answer.getHeaderString("Retry-After"));
        Problem problem = (Problem) answer.getEntity();
        assertEquals(503, problem.status());
        assertEquals("urn:annotation-store:problem:database-unavailable", problem.type());
    }

    @Test
    void recognisesEachWayTheDatabaseCanBeOutOfReach() {
        assertTrue(DatabaseFailures.unavailable(
                new IllegalStateException(new PSQLException("I/O error", PSQLState.CONNECTION_FAILURE))));
        assertTrue(DatabaseFailures.unavailable(new SQLException("terminating connection", "57P01")));
        assertTrue(DatabaseFailures.unavailable(new SQLException("the database system is starting up", "57P03")));
        assertTrue(DatabaseFailures.unavailable(new SQLException("Sorry, acquisition timeout!")));
    }

    @Test
    void aStatementTheDatabaseRefusedIsStillA500() {
        Exception refused = new PersistenceException(new SQLException("duplicate key", "23505"));
        assertFalse(DatabaseFailures.unavailable(refused));
        assertEquals(500, mappers.unexpected(refused).getStatus());
        assertFalse(DatabaseFailures.unavailable(new IllegalStateException("no cause")));
    }

    @Test
    void aScheduledJobSkipsARunWhileTheDatabaseIsAwayButFailsOnAnythingElse() {
        DatabaseFailures.runScheduled("job", () -> {
            throw new IllegalStateException(new SQLException("Sorry, acquisition timeout!"));
        });
        IllegalStateException bug = new IllegalStateException("a bug");
        assertSame(
                bug,
                assertThrows(
                        IllegalStateException.class,
                        () -> DatabaseFailures.runScheduled("job", () -> {
                            throw bug;
                        })));
    }
}
