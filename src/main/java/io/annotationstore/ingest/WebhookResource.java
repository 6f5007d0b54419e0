package io.annotationstore.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.annotationstore.infra.BoundedBody;
import io.annotationstore.infra.LimitsConfig;
import io.annotationstore.infra.ProblemException;
import io.annotationstore.infra.Secrets;
import io.annotationstore.infra.StrictUtf8;
import io.annotationstore.scale.ScaleConfig;
import io.annotationstore.scale.ScaleJson;
import io.annotationstore.scale.TaskIds;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Scale's task callbacks. Checks the shared secret before reading the body, records the
 * callback in the inbox and answers 202; the task is fetched later by {@link IngestWorker}.
 */
@Path("/webhooks/scale")
@Tag(name = "ingest")
@PermitAll
public class WebhookResource {

    public static final String AUTH_HEADER = "scale-callback-auth";

    private final ScaleConfig scaleConfig;
    private final LimitsConfig limits;
    private final ScaleJson json;
    private final InboxService inbox;
    private final IngestWorker worker;
    private final IngestMetrics metrics;

    WebhookResource(
            ScaleConfig scaleConfig,
            LimitsConfig limits,
            ScaleJson json,
            InboxService inbox,
            IngestWorker worker,
            IngestMetrics metrics) {
        this.scaleConfig = scaleConfig;
        this.limits = limits;
        this.json = json;
        this.inbox = inbox;
        this.worker = worker;
        this.metrics = metrics;
    }

    /** The answer to an accepted callback (sent inside a Response, so registered by hand). */
    @RegisterForReflection
    public record CallbackResponse(String taskId, String deliveryState) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a Scale task callback")
    @APIResponse(
            responseCode = "202",
            description = "Recorded in the inbox; the task is fetched afterwards",
            content = @Content(schema = @Schema(implementation = CallbackResponse.class)))
    public Response receive(
            @HeaderParam(AUTH_HEADER) String callbackKey,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
            InputStream body) {
        if (!Secrets.matchesAny(callbackKey, scaleConfig.callback().authKeys())) {
            metrics.callbackRejected(callbackKey == null ? "missing_key" : "wrong_key");
            throw ProblemException.unauthorized("missing or wrong " + AUTH_HEADER + " header");
        }
        byte[] bytes;
        try {
            bytes = BoundedBody.read(body, contentLength, limits.webhookBody().asLongValue());
        } catch (ProblemException e) {
            metrics.callbackRejected("too_large");
            throw e;
        }
        String taskId = taskId(bytes);
        inbox.acceptCallback(taskId, new String(bytes, StandardCharsets.UTF_8), sha256(bytes));
        metrics.callbackAccepted();
        worker.wakeUp();
        return Response.accepted(new CallbackResponse(taskId, DeliveryState.QUEUED.value()))
                .build();
    }

    /** The task id is {@code task_id} at the top level or {@code task.task_id} (v1 envelope). */
    private String taskId(byte[] bytes) {
        JsonNode root;
        try {
            root = bytes.length == 0 ? null : json.read(StrictUtf8.decode(bytes));
        } catch (JsonProcessingException | ProblemException e) {
            metrics.callbackRejected("malformed");
            throw ProblemException.badRequest("the body is not valid JSON", null);
        }
        if (root == null || !root.isObject()) {
            metrics.callbackRejected("malformed");
            throw ProblemException.badRequest("the body must be a JSON object", null);
        }
        JsonNode id = root.get("task_id");
        if (id == null || id.isNull()) {
            id = root.path("task").get("task_id");
        }
        if (id == null || !id.isTextual()) {
            metrics.callbackRejected("no_task_id");
            throw ProblemException.badField("task_id", "a task id is required at task_id or task.task_id");
        }
        if (!TaskIds.isValid(id.asText())) {
            metrics.callbackRejected("bad_task_id");
            throw ProblemException.badField("task_id", "not a valid Scale task id");
        }
        return id.asText();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
