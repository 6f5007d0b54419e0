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

@Path("/api/v1/preferences")
@Tag(name = "query")
@RolesAllowed(Roles.READER)
@Produces(MediaType.APPLICATION_JSON)
public class PreferenceResource {

    public static final String CURSOR_SCOPE = "preferences";

    private static final Set<String> LIST_PARAMETERS =
            AnnotationResource.with(PreferenceFilter.PARAMETERS, "limit", "cursor");

    private final PreferenceQueryService preferences;
    private final PreferenceSummaryService summaries;
    private final QueryConfig config;

    PreferenceResource(PreferenceQueryService preferences, PreferenceSummaryService summaries, QueryConfig config) {
        this.preferences = preferences;
        this.summaries = summaries;
        this.config = config;
    }

    @GET
    @Operation(
            summary = "One row per compared turn: prompt, candidates, winner, likert_value, justification",
            description = "A turn is compared when it has two or more assistant messages and a turn-level"
                    + " choice (selected_model_id, or the first of ranked_choices). Keyset-paginated.")
    public PageResponse<PreferenceRow> list(
            @BeanParam PreferenceFilterParams filter,
            @RestQuery String limit,
            @RestQuery String cursor,
            @Context UriInfo uri) {
        QueryParams params = new QueryParams().acceptOnly(uri.getQueryParameters(), LIST_PARAMETERS);
        PreferenceFilter parsed = PreferenceFilter.parse(params, filter);
        int pageSize = params.limit(limit, config.defaultPageSize(), config.maxPageSize());
        long after = params.cursor(CURSOR_SCOPE, cursor);
        params.throwIfInvalid();
        return preferences.page(parsed, after, pageSize);
    }

    @GET
    @Path("summary")
    @Operation(
            summary = "Per pair of sources: comparisons, wins, ties, win rate with a 95 % interval, likert"
                    + " distribution; per source: a Bradley-Terry rating with a bootstrap interval")
    public PreferenceSummaryResponse summary(@BeanParam PreferenceFilterParams filter, @Context UriInfo uri) {
        QueryParams params = new QueryParams().acceptOnly(uri.getQueryParameters(), PreferenceFilter.PARAMETERS);
        PreferenceFilter parsed = PreferenceFilter.parse(params, filter);
        params.throwIfInvalid();
        return summaries.summary(parsed);
    }
}
