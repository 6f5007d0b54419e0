package io.annotationstore.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become HTTP answers: always problem+json, never a stack trace,
 * SQL or class name. 5xx are logged once with their cause; 4xx only at debug.
 */
public class ProblemMappers {

    public static final String TYPE_PREFIX = "urn:annotation-store:problem:";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** A failover or restart of PostgreSQL takes seconds. */
    private static final int DATABASE_RETRY_AFTER_SECONDS = 10;

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        LOG.debugf("%d: %s", e.status(), e.getMessage());
        Response.ResponseBuilder response = build(e.toProblem());
        if (e.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized() {
        return problem(ProblemException.unauthorized("a valid bearer token is required"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return build(new Problem(
                        TYPE_PREFIX + "forbidden",
                        "Forbidden",
                        403,
                        "this token's role does not allow this operation",
                        null))
                .build();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        LOG.debugf("malformed JSON: %s", e.getOriginalMessage());
        return build(new Problem(
                        TYPE_PREFIX + "malformed-json", "Malformed JSON", 400, "the body is not valid JSON", null))
                .build();
    }

    /** A body of the wrong shape for a request record (Quarkus' own mapper answers it without a body). */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        LOG.debugf("mismatched JSON: %s", e.getOriginalMessage());
        String field = e.getPath().stream()
                .map(JsonMappingException.Reference::getFieldName)
                .filter(Objects::nonNull)
                .collect(Collectors.joining("."));
        if (field.isEmpty()) {
            return problem(
                    ProblemException.badRequest("the body must be a JSON object of the documented fields", null));
        }
        return problem(ProblemException.badField(
                field,
                e instanceof UnrecognizedPropertyException
                        ? "not a known field"
                        : "does not have the documented type"));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        // Quarkus wraps a body that is not JSON at all; say so rather than a bare "Bad Request".
        if (e.getCause() instanceof MismatchedInputException mismatched) {
            return mismatchedJson(mismatched);
        }
        if (e.getCause() instanceof JsonProcessingException malformed) {
            return malformedJson(malformed);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return internal();
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        Response.ResponseBuilder response = build(new Problem("about:blank", title, status, title, null));
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            response.header(HttpHeaders.ALLOW, allow);
        }
        return response.build();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        if (DatabaseFailures.unavailable(e)) {
            // Not our bug and not the client's: worth a retry, and one line per request is enough.
            LOG.warnf("request failed, the database is out of reach: %s", e.getMessage());
            return build(new Problem(
                            TYPE_PREFIX + "database-unavailable",
                            "Service Unavailable",
                            503,
                            "the database cannot be reached; try again shortly",
                            null))
                    .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS)
                    .build();
        }
        LOG.error("request failed", e);
        return internal();
    }

    private static Response internal() {
        return build(new Problem(
                        "about:blank",
                        "Internal Server Error",
                        500,
                        "the request could not be completed; it has been logged",
                        null))
                .build();
    }

    private static Response.ResponseBuilder build(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }
}
