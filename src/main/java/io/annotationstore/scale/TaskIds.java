package io.annotationstore.scale;

import io.annotationstore.infra.ProblemException;
import java.util.regex.Pattern;

/** Scale task ids are opaque, but they travel in URLs and logs: accept only a safe alphabet. */
public final class TaskIds {

    public static final int MAX_LENGTH = 128;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");

    private TaskIds() {}

    public static boolean isValid(String taskId) {
        return taskId != null && VALID.matcher(taskId).matches();
    }

    /** @throws ProblemException 400 naming {@code task_id} when the id is not valid */
    public static String requireValid(String taskId) {
        if (!isValid(taskId)) {
            throw ProblemException.badField("task_id", "not a valid Scale task id");
        }
        return taskId;
    }
}
