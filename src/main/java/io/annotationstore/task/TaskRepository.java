package io.annotationstore.task;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class TaskRepository implements PanacheRepository<Task> {

    public Optional<Task> findByTaskId(String taskId) {
        return find("taskId", taskId).firstResultOptional();
    }

    /**
     * Serialises writers of one task id until the transaction ends, including the first insert
     * (a row lock cannot, there being no row yet).
     */
    public void lockTaskId(String taskId) {
        getEntityManager()
                .createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtextextended(?1, 0))) l")
                .setParameter(1, taskId)
                .getSingleResult();
    }
}
