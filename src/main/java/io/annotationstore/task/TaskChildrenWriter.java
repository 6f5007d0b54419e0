package io.annotationstore.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.annotationstore.infra.Jdbc;
import io.annotationstore.infra.OriginalText;
import io.annotationstore.infra.PgRange;
import io.annotationstore.infra.PgText;
import io.annotationstore.scale.ScaleAnnotation;
import io.annotationstore.scale.ScaleJson;
import io.annotationstore.scale.ScaleTask;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * Writes a task's threads, turns, messages and annotations; replaces them as a whole.
 *
 * <p>New rows go in over plain JDBC, one batch per table (the driver sends each as multi-row
 * INSERTs): a stored task's ~20 children are write-only on this path, and routing them through
 * Hibernate (persistence context, then even a stateless session's mutation machinery) was most
 * of the ingest worker's CPU. The entities stay the mapping for reads and Hibernate still
 * validates the schema. Ids come from the entities' sequences, one {@code nextval} per row, so
 * they never collide with ids Hibernate allocates in blocks; annotations get theirs in document
 * order (task, then each thread, turn and message in turn).
 */
@ApplicationScoped
class TaskChildrenWriter {

    private final AgroalDataSource dataSource;
    private final ConversationThreadRepository threads;
    private final TurnRepository turns;
    private final MessageRepository messages;
    private final AnnotationRepository annotations;
    private final ScaleJson json;

    TaskChildrenWriter(
            AgroalDataSource dataSource,
            ConversationThreadRepository threads,
            TurnRepository turns,
            MessageRepository messages,
            AnnotationRepository annotations,
            ScaleJson json) {
        this.dataSource = dataSource;
        this.threads = threads;
        this.turns = turns;
        this.messages = messages;
        this.annotations = annotations;
        this.json = json;
    }

    void deleteChildren(long taskPk) {
        annotations.delete("taskPk", taskPk);
        messages.delete("taskPk", taskPk);
        turns.delete("taskPk", taskPk);
        threads.delete("taskPk", taskPk);
    }

    /**
     * Runs in the caller's transaction: inside one, the data source hands out the transaction's
     * connection. The task row must be in the database already: the children reference it.
     */
    void writeChildren(Task task, ScaleTask source) {
        try (Connection connection = dataSource.getConnection()) {
            write(connection, task, source);
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the children of task " + task.taskId, e);
        }
    }

    private void write(Connection connection, Task task, ScaleTask source) throws SQLException {
        Ids ids = Ids.allocate(connection, source);
        List<ConversationThread> threadRows = new ArrayList<>();
        for (ScaleTask.Thread sourceThread : source.threads()) {
            threadRows.add(thread(ids.thread(), task, sourceThread, threadRows.size()));
        }
        insertThreads(connection, threadRows);

        List<Turn> turnRows = new ArrayList<>();
        for (int t = 0; t < threadRows.size(); t++) {
            int position = 0;
            for (ScaleTask.Turn sourceTurn : source.threads().get(t).turns()) {
                turnRows.add(turn(ids.turn(), threadRows.get(t), sourceTurn, position++));
            }
        }
        insertTurns(connection, turnRows);

        List<Message> messageRows = new ArrayList<>();
        Iterator<Turn> turnRow = turnRows.iterator();
        for (ScaleTask.Thread sourceThread : source.threads()) {
            for (ScaleTask.Turn sourceTurn : sourceThread.turns()) {
                Turn turn = turnRow.next();
                int position = 0;
                for (ScaleTask.Message sourceMessage : sourceTurn.messages()) {
                    messageRows.add(message(ids.message(), turn, sourceMessage, position++));
                }
            }
        }
        insertMessages(connection, messageRows);

        List<Annotation> annotationRows = new ArrayList<>();
        addAnnotations(annotationRows, source.annotations(), new Context(task, null, null, null));
        turnRow = turnRows.iterator();
        Iterator<Message> messageRow = messageRows.iterator();
        for (int t = 0; t < threadRows.size(); t++) {
            ScaleTask.Thread sourceThread = source.threads().get(t);
            ConversationThread thread = threadRows.get(t);
            addAnnotations(annotationRows, sourceThread.annotations(), new Context(task, thread, null, null));
            for (ScaleTask.Turn sourceTurn : sourceThread.turns()) {
                Turn turn = turnRow.next();
                addAnnotations(annotationRows, sourceTurn.annotations(), new Context(task, thread, turn, null));
                for (ScaleTask.Message sourceMessage : sourceTurn.messages()) {
                    addAnnotations(
                            annotationRows,
                            sourceMessage.annotations(),
                            new Context(task, thread, turn, messageRow.next()));
                }
            }
        }
        insertAnnotations(connection, annotationRows);
    }

    private static ConversationThread thread(long id, Task task, ScaleTask.Thread source, int position) {
        ConversationThread thread = new ConversationThread();
        thread.id = id;
        thread.taskPk = task.id;
        OriginalText original = new OriginalText();
        thread.threadId = original.clean("thread_id", source.id());
        thread.originalText = original.json();
        thread.position = position;
        thread.submissions = PgText.clean(source.submissions());
        return thread;
    }

    private static Turn turn(long id, ConversationThread thread, ScaleTask.Turn source, int position) {
        Turn turn = new Turn();
        turn.id = id;
        turn.threadPk = thread.id;
        turn.taskPk = thread.taskPk;
        OriginalText original = new OriginalText();
        turn.turnId = original.clean("turn_id", source.id());
        turn.originalText = original.json();
        turn.position = position;
        turn.rubrics = PgText.clean(source.rubrics());
        return turn;
    }

    private static Message message(long id, Turn turn, ScaleTask.Message source, int position) {
        Message message = new Message();
        message.id = id;
        message.turnPk = turn.id;
        message.taskPk = turn.taskPk;
        message.position = position;
        OriginalText original = new OriginalText();
        message.role = original.clean("role", source.role());
        message.sourceId = original.indexed("source_id", source.sourceId());
        message.contentText = original.clean("content_text", source.text());
        message.content = PgText.clean(source.content());
        message.model = original.indexed("model", source.model());
        message.originalText = original.json();
        message.modelParameters = PgText.clean(source.modelParameters());
        return message;
    }

    private void addAnnotations(List<Annotation> rows, List<ScaleAnnotation> sources, Context context) {
        int position = 0;
        for (ScaleAnnotation source : sources) {
            Annotation a = new Annotation();
            OriginalText original = new OriginalText();
            context.describe(a, original);
            a.level = source.level();
            a.path = source.path();
            a.position = position++;
            a.annotationId = original.clean("annotation_id", source.id());
            a.key = original.indexed("key", source.key());
            a.type = original.clean("type", source.type());
            a.title = original.clean("title", source.title());
            a.description = original.clean("description", source.description());
            a.labels = PgText.clean(source.labels());
            a.possibleValues = PgText.clean(source.possibleValues());
            a.notApplicable = source.notApplicable();
            a.cannotAssess = source.cannotAssess();
            a.justification = original.clean("justification", source.justification());
            a.metadata = PgText.clean(source.metadata());
            setValue(a, source.value(), original);
            a.originalText = original.json();
            rows.add(a);
        }
    }

    private void insertThreads(Connection connection, List<ConversationThread> rows) throws SQLException {
        insert(
                connection,
                "insert into thread (id, task_pk, thread_id, position, submissions, original_text)"
                        + " values (?, ?, ?, ?, cast(? as jsonb), ?)",
                rows,
                t -> new Object[] {t.id, t.taskPk, t.threadId, t.position, jsonText(t.submissions), t.originalText});
    }

    private void insertTurns(Connection connection, List<Turn> rows) throws SQLException {
        insert(
                connection,
                "insert into turn (id, thread_pk, task_pk, turn_id, position, rubrics, original_text)"
                        + " values (?, ?, ?, ?, ?, cast(? as jsonb), ?)",
                rows,
                t -> new Object[] {t.id, t.threadPk, t.taskPk, t.turnId, t.position, jsonText(t.rubrics), t.originalText
                });
    }

    private void insertMessages(Connection connection, List<Message> rows) throws SQLException {
        insert(
                connection,
                "insert into message (id, turn_pk, task_pk, position, role, source_id, content_text, content, model,"
                        + " model_parameters, original_text)"
                        + " values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, cast(? as jsonb), ?)",
                rows,
                m -> new Object[] {
                    m.id,
                    m.turnPk,
                    m.taskPk,
                    m.position,
                    m.role,
                    m.sourceId,
                    m.contentText,
                    jsonText(m.content),
                    m.model,
                    jsonText(m.modelParameters),
                    m.originalText
                });
    }

    private void insertAnnotations(Connection connection, List<Annotation> rows) throws SQLException {
        insert(connection, """
                insert into annotation (id, task_pk, thread_pk, turn_pk, message_pk, level, path, position, annotation_id,
                    key, type, title, description, labels, possible_values, not_applicable, cannot_assess, justification,
                    metadata, value_json, value_number, value_bool, value_text, task_id, project_id, project_name,
                    batch_id, batch_name, completed_at, thread_id, turn_id, message_index, role, source_id, model,
                    original_text)
                values (nextval('annotation_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb),
                    ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, rows, a -> new Object[] {
            a.taskPk,
            a.threadPk,
            a.turnPk,
            a.messagePk,
            a.level,
            a.path,
            a.position,
            a.annotationId,
            a.key,
            a.type,
            a.title,
            a.description,
            jsonText(a.labels),
            jsonText(a.possibleValues),
            a.notApplicable,
            a.cannotAssess,
            a.justification,
            jsonText(a.metadata),
            a.valueJson,
            a.valueNumber,
            a.valueBool,
            a.valueText,
            a.taskId,
            a.projectId,
            a.projectName,
            a.batchId,
            a.batchName,
            Jdbc.timestamp(a.completedAt),
            a.threadId,
            a.turnId,
            a.messageIndex,
            a.role,
            a.sourceId,
            a.model,
            a.originalText
        });
    }

    private static <T> void insert(Connection connection, String sql, List<T> rows, Function<T, Object[]> values)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (T row : rows) {
                Jdbc.bind(statement, values.apply(row));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private String jsonText(JsonNode node) {
        return node == null ? null : json.write(node);
    }

    /** Ids for a task's threads, turns and messages, fetched in one round trip. */
    private record Ids(Iterator<Long> threads, Iterator<Long> turns, Iterator<Long> messages) {

        static Ids allocate(Connection connection, ScaleTask source) throws SQLException {
            int threadCount = source.threads().size();
            int turnCount = 0;
            int messageCount = 0;
            for (ScaleTask.Thread thread : source.threads()) {
                turnCount += thread.turns().size();
                for (ScaleTask.Turn turn : thread.turns()) {
                    messageCount += turn.messages().size();
                }
            }
            List<Long> threadIds = new ArrayList<>(threadCount);
            List<Long> turnIds = new ArrayList<>(turnCount);
            List<Long> messageIds = new ArrayList<>(messageCount);
            if (threadCount > 0) {
                try (PreparedStatement statement = connection.prepareStatement("""
                        select 1, nextval('thread_seq') from generate_series(1, ?)
                        union all select 2, nextval('turn_seq') from generate_series(1, ?)
                        union all select 3, nextval('message_seq') from generate_series(1, ?)
                        """)) {
                    statement.setInt(1, threadCount);
                    statement.setInt(2, turnCount);
                    statement.setInt(3, messageCount);
                    try (ResultSet result = statement.executeQuery()) {
                        while (result.next()) {
                            switch (result.getInt(1)) {
                                case 1 -> threadIds.add(result.getLong(2));
                                case 2 -> turnIds.add(result.getLong(2));
                                default -> messageIds.add(result.getLong(2));
                            }
                        }
                    }
                }
            }
            return new Ids(threadIds.iterator(), turnIds.iterator(), messageIds.iterator());
        }

        long thread() {
            return threads.next();
        }

        long turn() {
            return turns.next();
        }

        long message() {
            return messages.next();
        }
    }

    private void setValue(Annotation a, JsonNode value, OriginalText original) {
        if (value == null || value.isNull()) {
            return;
        }
        a.valueJson = json.write(value);
        if (value.isNumber() && PgRange.holds(value.decimalValue())) {
            a.valueNumber = value.decimalValue();
        } else if (value.isBoolean()) {
            a.valueBool = value.booleanValue();
        } else if (value.isTextual()) {
            a.valueText = original.clean("value_text", value.textValue());
        }
    }

    /**
     * Where an annotation sits; copies the owner's searchable fields onto the row, and their
     * originals into the annotation's.
     */
    private record Context(Task task, ConversationThread thread, Turn turn, Message message) {

        void describe(Annotation a, OriginalText original) {
            copy(original, task.originalText, "project_id", "project_name", "batch_id", "batch_name");
            a.taskPk = task.id;
            a.taskId = task.taskId;
            a.projectId = task.projectId;
            a.projectName = task.projectName;
            a.batchId = task.batchId;
            a.batchName = task.batchName;
            a.completedAt = task.completedAt;
            if (thread != null) {
                a.threadPk = thread.id;
                a.threadId = thread.threadId;
                copy(original, thread.originalText, "thread_id");
            }
            if (turn != null) {
                a.turnPk = turn.id;
                a.turnId = turn.turnId;
                copy(original, turn.originalText, "turn_id");
            }
            if (message != null) {
                a.messagePk = message.id;
                a.messageIndex = message.position;
                a.role = message.role;
                a.sourceId = message.sourceId;
                a.model = message.model;
                copy(original, message.originalText, "role", "source_id", "model");
            }
        }

        private static void copy(OriginalText original, String ownerOriginal, String... columns) {
            if (ownerOriginal != null) {
                OriginalText owner = OriginalText.read(ownerOriginal);
                for (String column : columns) {
                    original.copy(column, owner);
                }
            }
        }
    }
}
