package io.annotationstore.ingest.backfill;

import io.annotationstore.infra.ProblemResponses;
import io.annotationstore.infra.Roles;
import io.annotationstore.infra.StrictJsonRequest;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** Backfills from Scale's task list, for operators. */
@Path("/api/v1/backfill")
@Tag(name = "ingest")
@RolesAllowed(Roles.ADMIN)
@APIResponse(responseCode = "403", description = ProblemResponses.ADMIN_ONLY)
@Produces(MediaType.APPLICATION_JSON)
public class BackfillResource {

    private final BackfillService backfills;

    BackfillResource(BackfillService backfills) {
        this.backfills = backfills;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictJsonRequest.class)
    @Operation(summary = "Queue every completed task of a project (optionally a batch) from Scale's task list")
    @APIResponse(
            responseCode = "202",
            description = "The backfill is recorded and starts at once; Location is its progress",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = BackfillResponse.class)))
    public Response start(BackfillRequest request) {
        BackfillResponse started = backfills.start(request);
        return Response.accepted(started)
                .header("Location", "/api/v1/backfill/" + started.id())
                .build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A backfill's progress")
    @APIResponse(responseCode = "200", description = "The backfill")
    @APIResponse(responseCode = "404", description = "No backfill with this id")
    public BackfillResponse get(@RestPath String id) {
        return backfills.get(BackfillService.parseId(id));
    }
}
