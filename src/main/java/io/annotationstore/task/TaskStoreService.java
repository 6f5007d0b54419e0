package io.annotationstore.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.annotationstore.infra.OriginalText;
import io.annotationstore.infra.PgText;
import io.annotationstore.scale.ScaleJson;
import io.annotationstore.scale.ScaleTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Objects;

/**
 * Stores Scale task documents. The rules that keep the store truthful under at-least-once,
 * unordered delivery live here: the same document twice changes nothing, an older document
 * never replaces a newer one, and a recall changes the status without dropping annotations.
 */
@ApplicationScoped
public class TaskStoreService {

    private final TaskRepository tasks;
    private final TaskChildrenWriter children;
    private final ScaleJson json;

    TaskStoreService(TaskRepository tasks, TaskChildrenWriter children, ScaleJson json) {
        this.tasks = tasks;
        this.children = children;
        this.json = json;
    }

    /**
     * Stores one parsed task with its original document, in the caller's transaction if any.
     *
     * @param document the JSON text to keep as the task's document
     * @param contentHash {@code ScaleJson#contentHash} of that document
     * @return what changed
     */
    @Transactional
    public StoreOutcome store(ScaleTask source, String document, String contentHash) {
        Instant now = Instant.now();
        Task task = new Task();
        task.taskId = source.taskId();
        task.storedAt = now;
        fill(task, source, document, contentHash, now);
        if (tasks.insertIfAbsent(task)) {
            children.writeChildren(task, source);
            return StoreOutcome.CREATED;
        }
        Task existing = tasks.findByTaskIdForUpdate(source.taskId())
                .orElseThrow(() -> new IllegalStateException("task " + source.taskId() + " vanished while stored"));
        if (existing.contentHash.equals(contentHash)) {
            return updateStatus(existing, source, now);
        }
        if (isRecall(existing, source)) {
            existing.errors = PgText.clean(source.errors());
            return updateStatus(existing, source, now);
        }
        if (isOlder(source, existing)) {
            return StoreOutcome.STALE;
        }
        fill(existing, source, document, contentHash, now);
        children.deleteChildren(existing.id);
        children.writeChildren(existing, source);
        return StoreOutcome.UPDATED;
    }

    private static StoreOutcome updateStatus(Task task, ScaleTask source, Instant now) {
        OriginalText original = OriginalText.read(task.originalText);
        if (Objects.equals(original.get("status", task.status), source.status())) {
            return StoreOutcome.UNCHANGED;
        }
        task.status = original.clean("status", source.status());
        task.originalText = original.json();
        task.updatedAt = now;
        return StoreOutcome.STATUS_UPDATED;
    }

    /**
     * A completed task that Scale now serves in another status keeps what was annotated. After a
     * recall the stored row has the new status but still the completed document: a second copy
     * of the recall (a repeated callback, a refresh) is a recall too, not a replacement.
     */
    private boolean isRecall(Task existing, ScaleTask source) {
        if (source.isCompleted()) {
            return false;
        }
        return ScaleTask.COMPLETED.equals(existing.status) || holdsCompletedDocument(existing);
    }

    /** Whether the stored document is a completed copy (read only on this rare path). */
    private boolean holdsCompletedDocument(Task existing) {
        try {
            return ScaleTask.COMPLETED.equals(
                    json.read(existing.document).path("status").asText(null));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /**
     * Older by Scale's completion time. A completed copy without a readable {@code completed_at}
     * cannot prove it is newer than one with it, so it does not replace it either.
     */
    private static boolean isOlder(ScaleTask source, Task existing) {
        if (existing.completedAt == null) {
            return false;
        }
        if (source.completedAt() == null) {
            return source.isCompleted();
        }
        return source.completedAt().isBefore(existing.completedAt);
    }

    /**
     * The name Scale sent, or, when this copy was fetched without {@code expand} and names only
     * the id the stored copy had, that copy's name: an unexpanded refetch never forgets a name.
     */
    private static String name(
            OriginalText original,
            String column,
            ScaleTask.EntityRef ref,
            OriginalText known,
            String knownId,
            String knownName) {
        if (ref == null) {
            return null;
        }
        if (ref.name() != null) {
            return original.indexed(column, ref.name());
        }
        if (!Objects.equals(ref.id(), knownId)) {
            return null;
        }
        original.copy(column, known);
        return knownName;
    }

    private static void fill(Task task, ScaleTask source, String document, String contentHash, Instant now) {
        OriginalText known = OriginalText.read(task.originalText);
        OriginalText original = new OriginalText();
        String projectName = name(
                original,
                "project_name",
                source.project(),
                known,
                known.get("project_id", task.projectId),
                task.projectName);
        String batchName = name(
                original, "batch_name", source.batch(), known, known.get("batch_id", task.batchId), task.batchName);
        task.projectId = source.project() == null
                ? null
                : original.indexed("project_id", source.project().id());
        task.projectName = projectName;
        task.batchId = source.batch() == null
                ? null
                : original.indexed("batch_id", source.batch().id());
        task.batchName = batchName;
        task.status = original.clean("status", source.status());
        task.originalText = original.json();
        task.createdAt = source.createdAt();
        task.completedAt = source.completedAt();
        task.metadata = PgText.clean(source.metadata());
        task.errors = PgText.clean(source.errors());
        task.sensitiveContentReports = PgText.clean(source.sensitiveContentReports());
        task.document = document;
        task.contentHash = contentHash;
        task.updatedAt = now;
    }
}
