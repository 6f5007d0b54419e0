package io.annotationstore.scale;

/** A document that cannot be stored as a task (no usable task id or status). */
public class InvalidTaskDocumentException extends RuntimeException {

    public InvalidTaskDocumentException(String message) {
        super(message, null, false, false);
    }
}
