package io.annotationstore.query;

import io.annotationstore.infra.BoundedBody;
import io.annotationstore.infra.LimitsConfig;
import io.annotationstore.infra.ProblemException;
import io.annotationstore.infra.ProblemResponses;
import io.annotationstore.infra.Roles;
import io.annotationstore.ingest.ImportService;
import io.annotationstore.ingest.InboxService;
import io.annotationstore.ingest.IngestWorker;
import io.annotationstore.ingest.WebhookResource;
import io.annotationstore.scale.TaskIds;
import io.annotationstore.task.TaskRepository;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/tasks")
@Tag(name = "tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    public static final String CURSOR_SCOPE = "tasks";

    public static final String NDJSON = "application/x-ndjson";
    private static final Set<String> LIST_PARAMETERS =
            Set.of("project", "batch", "status", "completed_after", "completed_before", "limit", "cursor");

    private final TaskQueryService tasks;
    private final TaskRepository taskRepository;
    private final ImportService importer;
    private final InboxService inbox;
    private final IngestWorker worker;
    private final QueryConfig config;
    private final LimitsConfig limits;

    TaskResource(
            TaskQueryService tasks,
            TaskRepository taskRepository,
            ImportService importer,
            InboxService inbox,
            IngestWorker worker,
            QueryConfig config,
            LimitsConfig limits) {
        this.tasks = tasks;
        this.taskRepository = taskRepository;
        this.importer = importer;
        this.inbox = inbox;
        this.worker = worker;
        this.config = config;
        this.limits = limits;
    }

    @GET
    @RolesAllowed(Roles.READER)
    @Operation(summary = "Stored task summaries, filtered and keyset-paginated")
    public PageResponse<TaskSummary> list(
            @RestQuery String project,
            @RestQuery String batch,
            @RestQuery String status,
            @RestQuery("completed_after") String completedAfter,
            @RestQuery("completed_before") String completedBefore,
            @RestQuery String limit,
            @RestQuery String cursor,
            @Context UriInfo uri) {
        QueryParams params = new QueryParams().acceptOnly(uri.getQueryParameters(), LIST_PARAMETERS);
        var filter = new TaskQueryService.TaskFilter(
                params.text("project", project),
                params.text("batch", batch),
                params.text("status", status),
                params.instant("completed_after", completedAfter),
                params.instant("completed_before", completedBefore));
        int pageSize = params.limit(limit, config.defaultPageSize(), config.maxPageSize());
        long after = params.cursor(CURSOR_SCOPE, cursor);
        params.throwIfInvalid();
        return tasks.page(filter, after, pageSize);
    }

    @GET
    @Path("{task_id}")
    @RolesAllowed(Roles.READER)
    @Operation(summary = "The stored task in Scale's v2 task shape")
    @APIResponse(responseCode = "200", description = "The task")
    @APIResponse(responseCode = "404", description = "No stored task with this id")
    public Response get(@RestPath("task_id") String taskId) {
        TaskIds.requireValid(taskId);
        return Response.ok(tasks.document(taskId), MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("{task_id}/refresh")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Queue a re-fetch of a stored task from Scale")
    @APIResponse(
            responseCode = "202",
            description = "The re-fetch is queued",
            content = @Content(schema = @Schema(implementation = WebhookResource.CallbackResponse.class)))
    @APIResponse(responseCode = "403", description = ProblemResponses.ADMIN_ONLY)
    @APIResponse(responseCode = "404", description = "No stored task with this id")
    public Response refresh(@RestPath("task_id") String taskId) {
        TaskIds.requireValid(taskId);
        if (taskRepository.findByTaskId(taskId).isEmpty()) {
            throw ProblemException.notFound("no stored task " + taskId);
        }
        String state = inbox.enqueue(taskId, InboxService.SOURCE_REFRESH);
        worker.wakeUp();
        return Response.accepted(new WebhookResource.CallbackResponse(taskId, state))
                .build();
    }

    @POST
    @Path("import")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store Scale task documents: one object or an array")
    @APIResponse(responseCode = "200", description = "What became of each task")
    @APIResponse(responseCode = "403", description = ProblemResponses.ADMIN_ONLY)
    public ImportService.ImportResponse importJson(
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length, InputStream body) {
        return importer.importJson(
                BoundedBody.limited(body, length, limits.importBody().asLongValue()));
    }

    @POST
    @Path("import")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(NDJSON)
    @Operation(summary = "Store Scale task documents given as JSON Lines")
    @APIResponse(responseCode = "200", description = "What became of each task")
    @APIResponse(responseCode = "403", description = ProblemResponses.ADMIN_ONLY)
    public ImportService.ImportResponse importJsonLines(
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length, InputStream body) {
        return importer.importJsonLines(
                BoundedBody.limited(body, length, limits.importBody().asLongValue()));
    }
}
