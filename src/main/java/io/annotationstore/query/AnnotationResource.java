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
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/annotations")
@Tag(name = "query")
@RolesAllowed(Roles.READER)
@Produces(MediaType.APPLICATION_JSON)
public class AnnotationResource {

    public static final String CURSOR_SCOPE = "annotations";

    private static final Set<String> PARAMETERS = with(AnnotationFilter.PARAMETERS, "limit", "cursor");

    private final AnnotationQueryService service;
    private final QueryConfig config;

    AnnotationResource(AnnotationQueryService service, QueryConfig config) {
        this.service = service;
        this.config = config;
    }

    @GET
    @Operation(summary = "One flat row per annotation at any level, filtered and keyset-paginated")
    public PageResponse<AnnotationRow> list(
            @BeanParam AnnotationFilterParams filter,
            @RestQuery String limit,
            @RestQuery String cursor,
            @Context UriInfo uri) {
        QueryParams params = new QueryParams().acceptOnly(uri.getQueryParameters(), PARAMETERS);
        AnnotationFilter parsed = AnnotationFilter.parse(params, filter);
        int pageSize = params.limit(limit, config.defaultPageSize(), config.maxPageSize());
        long after = params.cursor(CURSOR_SCOPE, cursor);
        params.throwIfInvalid();
        return service.page(parsed, after, pageSize);
    }

    static Set<String> with(Set<String> base, String... more) {
        Set<String> all = new HashSet<>(base);
        all.addAll(Set.of(more));
        return Set.copyOf(all);
    }
}
