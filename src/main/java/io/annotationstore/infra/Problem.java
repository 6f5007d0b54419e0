package io.annotationstore.infra;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem body; {@code errors} names each bad field of a validation failure. */
// Built by exception mappers into a Response: native images see no return type to register.
@RegisterForReflection(targets = {Problem.class, Problem.FieldError.class})
// Named so that /q/openapi lists it and ProblemResponses can refer to it.
@Schema(name = "Problem", description = "An RFC 9457 problem (application/problem+json)")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {}
}
