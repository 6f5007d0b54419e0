package io.annotationstore.query;

import io.annotationstore.infra.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/annotations/stats")
@Tag(name = "query")
@RolesAllowed(Roles.READER)
@Produces(MediaType.APPLICATION_JSON)
public class AnnotationStatsResource {

    private static final Set<String> PARAMETERS = AnnotationResource.with(AnnotationFilter.PARAMETERS, "group_by");

    private final AnnotationStatsService service;

    AnnotationStatsResource(AnnotationStatsService service) {
        this.service = service;
    }

    @GET
    @Operation(
            summary = "Aggregates of annotation values per source, model, project, batch or key",
            description = "Numeric keys: count, mean, stddev, min, max, quartiles and a histogram of integer"
                    + " values. Category and boolean keys: count and a histogram of the categories.")
    public StatsResponse stats(
            @BeanParam AnnotationFilterParams filter, @RestQuery("group_by") String groupBy, @Context UriInfo uri) {
        QueryParams params = new QueryParams().acceptOnly(uri.getQueryParameters(), PARAMETERS);
        AnnotationFilter parsed = AnnotationFilter.parse(params, filter);
        params.require(!parsed.keys().isEmpty(), "key", "is required");
        String group = params.oneOf("group_by", groupBy, StatsGroupBy.BY_NAME.keySet());
        params.throwIfInvalid();
        return service.stats(parsed, group == null ? StatsGroupBy.SOURCE_ID : StatsGroupBy.BY_NAME.get(group));
    }
}
