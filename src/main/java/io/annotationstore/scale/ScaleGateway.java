package io.annotationstore.scale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The edge between Scale's HTTP API and our ingest: calls {@link ScaleClient} and turns every
 * answer, error or exception into a {@link ScaleFetch}. Retrying is not done here: the inbox
 * owns retries durably, so a pod restart loses none.
 */
@ApplicationScoped
public class ScaleGateway {

    private final ScaleClient client;
    private final ScaleConfig config;

    public ScaleGateway(@RestClient ScaleClient client, ScaleConfig config) {
        this.client = client;
        this.config = config;
    }

    /**
     * Fetches one task with the configured {@code expand} and {@code opts}.
     *
     * @return never null and never throws: failures are classified as absent, key rejected,
     *     permanent or retryable
     */
    public ScaleFetch fetchTask(String taskId) {
        return call(
                () -> client.getTask(taskId, config.api().expand(), config.api().opts()));
    }

    /** Scale's page size ceiling for {@code GET /v2/tasks}. */
    public static final int MAX_PAGE_SIZE = 100;

    /**
     * Fetches one page of completed tasks. Scale accepts one scope at a time, so a batch, when
     * given, is sent instead of the project.
     *
     * @return the page as FOUND with the body, or a classified failure like {@link #fetchTask}
     */
    public ScaleFetch listCompletedTasks(ScaleListQuery query, String nextToken, int limit) {
        boolean byBatch = query.batchId() != null || query.batchName() != null;
        return call(() -> client.listTasks(
                byBatch ? null : query.projectId(),
                byBatch ? null : query.projectName(),
                query.batchId(),
                query.batchName(),
                ScaleTask.COMPLETED,
                query.completedAfter() == null ? null : query.completedAfter().toString(),
                Math.min(limit, MAX_PAGE_SIZE),
                nextToken));
    }

    /** Makes one call and turns its answer, error or exception into a {@link ScaleFetch}. */
    private static ScaleFetch call(Supplier<String> request) {
        try {
            String body = request.get();
            return body == null || body.isBlank()
                    ? ScaleFetch.failure(ScaleFetch.Kind.RETRYABLE, 200, "Scale answered an empty body", null)
                    : ScaleFetch.found(body);
        } catch (ScaleApiException e) {
            return classify(e);
        } catch (WebApplicationException e) {
            return unexpectedStatus(e);
        } catch (ProcessingException | IllegalStateException e) {
            return ScaleFetch.failure(ScaleFetch.Kind.RETRYABLE, null, networkMessage(e), null);
        }
    }

    /**
     * A status the client does not map, in practice a redirect: Scale's API does not redirect, so
     * the configured URL is wrong (http instead of https, a proxy). Asking again will not help.
     */
    private static ScaleFetch unexpectedStatus(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return ScaleFetch.failure(
                ScaleFetch.Kind.PERMANENT,
                status,
                "Scale answered HTTP " + status + "; check quarkus.rest-client.scale-api.url",
                null);
    }

    static ScaleFetch classify(ScaleApiException e) {
        int status = e.status();
        ScaleFetch.Kind kind;
        if (status == 404) {
            kind = ScaleFetch.Kind.ABSENT;
        } else if (status == 401 || status == 403) {
            kind = ScaleFetch.Kind.REJECTED_KEY;
        } else if (status == 408 || status == 429 || status >= 500) {
            kind = ScaleFetch.Kind.RETRYABLE;
        } else {
            kind = ScaleFetch.Kind.PERMANENT;
        }
        return ScaleFetch.failure(kind, status, e.getMessage(), e.retryAfter().orElse(null));
    }

    private static String networkMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return "timed out waiting for Scale";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "could not connect to Scale";
            }
            if (t instanceof java.net.UnknownHostException) {
                return "Scale's host name did not resolve";
            }
        }
        return "network error talking to Scale";
    }
}
