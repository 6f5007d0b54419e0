package io.annotationstore.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body declared larger than {@code quarkus.http.limits.max-body-size} with a 413 problem. Quarkus makes
 * the same check one route later and answers with an empty body; our resources' own, lower limits
 * ({@link BoundedBody}) cover bodies without a declared length.
 */
@ApplicationScoped
public class DeclaredBodyLimit {

    /** Just before Quarkus' upload limit (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT, -2). */
    private static final int ORDER = -3;

    void install(
            @Observes Router router,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody,
            ObjectMapper mapper)
            throws JsonProcessingException {
        long limit = maxBody.asLongValue();
        ProblemException problem = ProblemException.tooLarge("the request body may have at most " + limit + " bytes");
        String body = mapper.writeValueAsString(problem.toProblem());
        router.route().order(ORDER).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            // Netty has already refused a Content-Length that is not a number.
            if (declared == null || Long.parseLong(declared) <= limit) {
                context.next();
                return;
            }
            // The body is never read, so the connection cannot carry another request.
            context.response()
                    .setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .endHandler(ended -> context.request().connection().close())
                    .end(body);
        });
    }
}
