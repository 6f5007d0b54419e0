package io.annotationstore.scale;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Scale's v2 task API. Bodies are returned as text so that the stored document is exactly what
 * Scale served; {@link ScaleGateway} parses and classifies.
 */
@RegisterRestClient(configKey = "scale-api")
@ClientHeaderParam(name = "Authorization", value = "{bearerToken}")
@Produces(MediaType.APPLICATION_JSON)
public interface ScaleClient {

    /** {@code GET /v2/task}; list parameters go out as repeated keys, as Scale expects. */
    @GET
    @Path("/v2/task")
    String getTask(@RestQuery("task_id") String taskId, @RestQuery List<String> expand, @RestQuery List<String> opts);

    /** {@code GET /v2/tasks}: one page of a project's tasks. */
    @GET
    @Path("/v2/tasks")
    String listTasks(
            @RestQuery("project_id") String projectId,
            @RestQuery("project_name") String projectName,
            @RestQuery("batch_id") String batchId,
            @RestQuery("batch_name") String batchName,
            @RestQuery String status,
            @RestQuery("completed_after") String completedAfter,
            @RestQuery int limit,
            @RestQuery("next_token") String nextToken);

    default String bearerToken() {
        return "Bearer " + ConfigProvider.getConfig().getValue("scale.api.key", String.class);
    }

    @ClientExceptionMapper
    static ScaleApiException toException(Response response) {
        return ScaleApiException.from(response);
    }
}
