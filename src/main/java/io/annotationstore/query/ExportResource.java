package io.annotationstore.query;

import io.annotationstore.infra.Roles;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/exports")
@Tag(name = "exports")
@RolesAllowed(Roles.READER)
public class ExportResource {

    private static final Set<String> ANNOTATION_PARAMETERS =
            AnnotationResource.with(AnnotationFilter.PARAMETERS, "format");
    private static final Set<String> PREFERENCE_PARAMETERS =
            AnnotationResource.with(PreferenceFilter.PARAMETERS, "format");

    private final AnnotationExportService annotations;
    private final PreferenceExportService preferences;

    ExportResource(AnnotationExportService annotations, PreferenceExportService preferences) {
        this.annotations = annotations;
        this.preferences = preferences;
    }

    @GET
    @Path("annotations")
    @Produces({"text/csv", TaskResource.NDJSON})
    @Operation(summary = "Every matching annotation row, streamed as CSV (RFC 4180) or JSON Lines")
    public Response annotations(
            @BeanParam AnnotationFilterParams filter,
            @RestQuery String format,
            @Context UriInfo uri,
            @Context HttpServerResponse response) {
        QueryParams params = new QueryParams().acceptOnly(uri.getQueryParameters(), ANNOTATION_PARAMETERS);
        AnnotationFilter parsed = AnnotationFilter.parse(params, filter);
        ExportFormat chosen = ExportFormat.parse(params, format, EnumSet.allOf(ExportFormat.class));
        params.throwIfInvalid();
        return attachment(annotations.export(parsed, chosen, response::closed), chosen, "annotations");
    }

    @GET
    @Path("preferences")
    @Produces(TaskResource.NDJSON)
    @Operation(
            summary = "Preference pairs as JSON Lines in TRL's conversational format: prompt, chosen, rejected",
            description = "One line per (winner, other candidate) of each compared turn; ties are not exported.")
    public Response preferences(
            @BeanParam PreferenceFilterParams filter,
            @RestQuery String format,
            @Context UriInfo uri,
            @Context HttpServerResponse response) {
        QueryParams params = new QueryParams().acceptOnly(uri.getQueryParameters(), PREFERENCE_PARAMETERS);
        PreferenceFilter parsed = PreferenceFilter.parse(params, filter);
        ExportFormat chosen = ExportFormat.parse(params, format, EnumSet.of(ExportFormat.JSONL));
        params.throwIfInvalid();
        return attachment(preferences.export(parsed, response::closed), chosen, "preferences");
    }

    private static Response attachment(StreamingOutput body, ExportFormat format, String name) {
        return Response.ok(body, format.mediaType)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + format.filename(name) + "\"")
                .build();
    }
}
