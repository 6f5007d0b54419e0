package io.annotationstore.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.annotationstore.infra.ProblemException;
import io.annotationstore.scale.ScaleJson;
import io.annotationstore.task.Task;
import io.annotationstore.task.TaskRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Reads stored tasks for the query API. */
@ApplicationScoped
public class TaskQueryService {

    private final TaskRepository tasks;
    private final ScaleJson json;

    TaskQueryService(TaskRepository tasks, ScaleJson json) {
        this.tasks = tasks;
        this.json = json;
    }

    /** Filters for the task list. */
    public record TaskFilter(
            String project, String batch, String status, Instant completedAfter, Instant completedBefore) {}

    /**
     * The stored document in Scale's v2 shape. After a recall the status is the current one,
     * while the conversation and annotations are those last served completed.
     *
     * @throws ProblemException 404 when the task is not stored
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String document(String taskId) {
        Task task = tasks.findByTaskId(taskId).orElseThrow(() -> ProblemException.notFound("no stored task " + taskId));
        try {
            ObjectNode document = (ObjectNode) json.read(task.document);
            if (Objects.equals(document.path("status").asText(null), task.status)) {
                return task.document;
            }
            document.put("status", task.status);
            return json.write(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored document of " + taskId + " does not parse", e);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResponse<TaskSummary> page(TaskFilter filter, long afterId, int limit) {
        StringBuilder where = new StringBuilder("id > :after");
        Parameters parameters = Parameters.with("after", afterId);
        if (filter.project() != null) {
            where.append(" and (projectId = :project or projectName = :project)");
            parameters.and("project", filter.project());
        }
        if (filter.batch() != null) {
            where.append(" and (batchId = :batch or batchName = :batch)");
            parameters.and("batch", filter.batch());
        }
        if (filter.status() != null) {
            where.append(" and status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.completedAfter() != null) {
            where.append(" and completedAt >= :completedAfter");
            parameters.and("completedAfter", filter.completedAfter());
        }
        if (filter.completedBefore() != null) {
            where.append(" and completedAt < :completedBefore");
            parameters.and("completedBefore", filter.completedBefore());
        }
        List<Task> rows = tasks.find(where.toString(), Sort.by("id"), parameters)
                .range(0, limit)
                .list();
        return PageResponse.of(TaskResource.CURSOR_SCOPE, rows, limit, t -> t.id, TaskSummary::of);
    }
}
