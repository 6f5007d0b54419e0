package io.annotationstore.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.annotationstore.infra.PgRange;
import io.annotationstore.infra.PgText;
import io.annotationstore.scale.ScaleAnnotation;
import io.annotationstore.scale.ScaleJson;
import io.annotationstore.scale.ScaleTask;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Writes a task's threads, turns, messages and annotations; replaces them as a whole. */
@ApplicationScoped
class TaskChildrenWriter {

    private final ConversationThreadRepository threads;
    private final TurnRepository turns;
    private final MessageRepository messages;
    private final AnnotationRepository annotations;
    private final ScaleJson json;

    TaskChildrenWriter(
            ConversationThreadRepository threads,
            TurnRepository turns,
            MessageRepository messages,
            AnnotationRepository annotations,
            ScaleJson json) {
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

    void writeChildren(Task task, ScaleTask source) {
        Context context = new Context(task, null, null, null);
        writeAnnotations(source.annotations(), context);
        int t = 0;
        for (ScaleTask.Thread sourceThread : source.threads()) {
            ConversationThread thread = new ConversationThread();
            thread.taskPk = task.id;
            thread.threadId = PgText.clean(sourceThread.id());
            thread.position = t++;
            thread.submissions = PgText.clean(sourceThread.submissions());
            threads.persist(thread);
            Context threadContext = new Context(task, thread, null, null);
            writeAnnotations(sourceThread.annotations(), threadContext);
            writeTurns(sourceThread.turns(), threadContext);
        }
    }

    private void writeTurns(List<ScaleTask.Turn> sourceTurns, Context threadContext) {
        int u = 0;
        for (ScaleTask.Turn sourceTurn : sourceTurns) {
            Turn turn = new Turn();
            turn.threadPk = threadContext.thread.id;
            turn.taskPk = threadContext.task.id;
            turn.turnId = PgText.clean(sourceTurn.id());
            turn.position = u++;
            turn.rubrics = PgText.clean(sourceTurn.rubrics());
            turns.persist(turn);
            Context turnContext = new Context(threadContext.task, threadContext.thread, turn, null);
            writeAnnotations(sourceTurn.annotations(), turnContext);
            int m = 0;
            for (ScaleTask.Message sourceMessage : sourceTurn.messages()) {
                Message message = new Message();
                message.turnPk = turn.id;
                message.taskPk = turn.taskPk;
                message.position = m++;
                message.role = PgText.clean(sourceMessage.role());
                message.sourceId = PgText.indexed(sourceMessage.sourceId());
                message.contentText = PgText.clean(sourceMessage.text());
                message.content = PgText.clean(sourceMessage.content());
                message.model = PgText.indexed(sourceMessage.model());
                message.modelParameters = PgText.clean(sourceMessage.modelParameters());
                messages.persist(message);
                writeAnnotations(
                        sourceMessage.annotations(),
                        new Context(threadContext.task, threadContext.thread, turn, message));
            }
        }
    }

    private void writeAnnotations(List<ScaleAnnotation> sources, Context context) {
        int position = 0;
        for (ScaleAnnotation source : sources) {
            Annotation a = new Annotation();
            context.describe(a);
            a.level = source.level();
            a.path = source.path();
            a.position = position++;
            a.annotationId = PgText.clean(source.id());
            a.key = PgText.indexed(source.key());
            a.type = PgText.clean(source.type());
            a.title = PgText.clean(source.title());
            a.description = PgText.clean(source.description());
            a.labels = PgText.clean(source.labels());
            a.possibleValues = PgText.clean(source.possibleValues());
            a.notApplicable = source.notApplicable();
            a.cannotAssess = source.cannotAssess();
            a.justification = PgText.clean(source.justification());
            a.metadata = PgText.clean(source.metadata());
            setValue(a, source.value());
            annotations.persist(a);
        }
    }

    private void setValue(Annotation a, JsonNode value) {
        if (value == null || value.isNull()) {
            return;
        }
        a.valueJson = json.write(value);
        if (value.isNumber() && PgRange.holds(value.decimalValue())) {
            a.valueNumber = value.decimalValue();
        } else if (value.isBoolean()) {
            a.valueBool = value.booleanValue();
        } else if (value.isTextual()) {
            a.valueText = PgText.clean(value.textValue());
        }
    }

    /** Where an annotation sits; copies the owner's searchable fields onto the row. */
    private record Context(Task task, ConversationThread thread, Turn turn, Message message) {

        void describe(Annotation a) {
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
            }
            if (turn != null) {
                a.turnPk = turn.id;
                a.turnId = turn.turnId;
            }
            if (message != null) {
                a.messagePk = message.id;
                a.messageIndex = message.position;
                a.role = message.role;
                a.sourceId = message.sourceId;
                a.model = message.model;
            }
        }
    }
}
