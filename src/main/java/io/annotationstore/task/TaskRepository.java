package io.annotationstore.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.annotationstore.infra.Jdbc;
import io.annotationstore.scale.ScaleJson;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

@ApplicationScoped
public class TaskRepository implements PanacheRepository<Task> {

    private final AgroalDataSource dataSource;
    private final ScaleJson json;

    TaskRepository(AgroalDataSource dataSource, ScaleJson json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public Optional<Task> findByTaskId(String taskId) {
        return find("taskId", taskId).firstResultOptional();
    }

    /** The task, its row locked against other writers until the transaction ends. */
    public Optional<Task> findByTaskIdForUpdate(String taskId) {
        return find("taskId", taskId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /**
     * Inserts a new task unless one with its task id exists, setting {@code task.id}. A concurrent
     * writer of the same new task waits on the unique index until this transaction ends, then
     * finds the row; so writers of one task are serialised, the first insert included.
     *
     * @return false when the task already existed (nothing was written)
     */
    public boolean insertIfAbsent(Task task) {
        // Plain JDBC, one round trip, no persistence context. For a task already held (a refetch) the
        // document travels once in vain; a select first would cost every new task a round trip.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        insert into task (id, task_id, project_id, project_name, batch_id, batch_name, status, created_at,
                            completed_at, metadata, errors, sensitive_content_reports, document, content_hash, stored_at,
                            updated_at, original_text)
                        values (nextval('task_seq'), ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb),
                            cast(? as jsonb), ?, ?, ?, ?, ?)
                        on conflict (task_id) do nothing
                        returning id
                        """)) {
            Jdbc.bind(
                    statement,
                    task.taskId,
                    task.projectId,
                    task.projectName,
                    task.batchId,
                    task.batchName,
                    task.status,
                    Jdbc.timestamp(task.createdAt),
                    Jdbc.timestamp(task.completedAt),
                    jsonText(task.metadata),
                    jsonText(task.errors),
                    jsonText(task.sensitiveContentReports),
                    task.document,
                    task.contentHash,
                    Jdbc.timestamp(task.storedAt),
                    Jdbc.timestamp(task.updatedAt),
                    task.originalText);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    return false;
                }
                task.id = result.getLong(1);
                return true;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store task " + task.taskId, e);
        }
    }

    private String jsonText(JsonNode node) {
        return node == null ? null : json.write(node);
    }
}
