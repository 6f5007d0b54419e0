package io.annotationstore.ingest;

import io.annotationstore.infra.ProblemResponses;
import io.annotationstore.infra.Roles;
import io.annotationstore.query.PageResponse;
import io.annotationstore.query.QueryConfig;
import io.annotationstore.query.QueryParams;
import io.annotationstore.scale.TaskIds;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** The inbox, for operators: what is queued, what failed and why, and replaying failures. */
@Path("/api/v1/deliveries")
@Tag(name = "ingest")
@RolesAllowed(Roles.ADMIN)
@APIResponse(responseCode = "403", description = ProblemResponses.ADMIN_ONLY)
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    public static final String CURSOR_SCOPE = "deliveries";

    private static final Set<String> PARAMETERS = Set.of("state", "limit", "cursor");
    private static final Set<String> STATES =
            Arrays.stream(DeliveryState.values()).map(DeliveryState::value).collect(Collectors.toSet());

    private final DeliveryRepository deliveries;
    private final InboxService inbox;
    private final IngestWorker worker;
    private final QueryConfig config;

    DeliveryResource(DeliveryRepository deliveries, InboxService inbox, IngestWorker worker, QueryConfig config) {
        this.deliveries = deliveries;
        this.inbox = inbox;
        this.worker = worker;
        this.config = config;
    }

    /** An inbox row as operators see it; the raw callback body stays inside. */
    @RegisterForReflection
    public record DeliveryRow(
            String taskId,
            String state,
            String source,
            int attempts,
            Integer lastErrorStatus,
            String lastError,
            Instant nextAttemptAt,
            int callbackCount,
            Instant receivedAt,
            Instant queuedAt,
            Instant updatedAt) {

        static DeliveryRow of(Delivery d) {
            return new DeliveryRow(
                    d.taskId,
                    d.state,
                    d.source,
                    d.attempts,
                    d.lastErrorStatus,
                    d.lastError,
                    d.nextAttemptAt,
                    d.callbackCount,
                    d.receivedAt,
                    d.queuedAt,
                    d.updatedAt);
        }
    }

    @GET
    @Operation(summary = "The inbox, optionally of one state, keyset-paginated")
    @APIResponse(responseCode = "200", description = "A page of deliveries")
    public PageResponse<DeliveryRow> list(
            @RestQuery String state, @RestQuery String limit, @RestQuery String cursor, @Context UriInfo uri) {
        QueryParams params = new QueryParams().acceptOnly(uri.getQueryParameters(), PARAMETERS);
        String parsedState = params.oneOf("state", state, STATES);
        int pageSize = params.limit(limit, config.defaultPageSize(), config.maxPageSize());
        long after = params.cursor(CURSOR_SCOPE, cursor);
        params.throwIfInvalid();
        DeliveryState filter =
                parsedState == null ? null : DeliveryState.parse(parsedState).orElseThrow();
        return PageResponse.of(
                CURSOR_SCOPE, deliveries.page(filter, after, pageSize + 1), pageSize, d -> d.id, DeliveryRow::of);
    }

    @POST
    @Path("{task_id}/retry")
    @Operation(summary = "Put a failed delivery back in the queue")
    @APIResponse(
            responseCode = "202",
            description = "The delivery is queued again",
            content = @Content(schema = @Schema(implementation = DeliveryRow.class)))
    @APIResponse(responseCode = "404", description = "No delivery for this task")
    @APIResponse(responseCode = "409", description = "The delivery has not failed")
    public Response retry(@RestPath("task_id") String taskId) {
        Delivery delivery = inbox.retryFailed(TaskIds.requireValid(taskId));
        worker.wakeUp();
        return Response.accepted(DeliveryRow.of(delivery)).build();
    }
}
