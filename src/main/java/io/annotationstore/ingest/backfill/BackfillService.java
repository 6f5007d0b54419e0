package io.annotationstore.ingest.backfill;

import io.annotationstore.infra.Problem;
import io.annotationstore.infra.ProblemException;
import io.annotationstore.query.QueryParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Starts backfills and reports their progress; {@link BackfillRunner} does the paging. */
@ApplicationScoped
public class BackfillService {

    public static final String ORIGIN_API = "api";
    public static final String ORIGIN_RECONCILE = "reconcile";
    private static final Pattern SCALE_ID = Pattern.compile("[0-9a-f]{24}");

    private final BackfillRepository backfills;

    BackfillService(BackfillRepository backfills) {
        this.backfills = backfills;
    }

    /**
     * Records a backfill for the runner to pick up.
     *
     * @throws ProblemException 400 naming each bad field
     */
    @Transactional
    public BackfillResponse start(BackfillRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("a JSON object naming the project is required", null);
        }
        QueryParams params = new QueryParams("fields");
        List<Problem.FieldError> errors = new ArrayList<>();
        String[] project = scope("project", request.project(), request.projectId(), request.projectName(), errors);
        String[] batch = scope("batch", request.batch(), request.batchId(), request.batchName(), errors);
        if (project[0] == null && project[1] == null && errors.isEmpty()) {
            errors.add(new Problem.FieldError("project", "a project id or name is required"));
        }
        Instant after = params.instant("completed_after", request.completedAfter());
        params.throwIfInvalid();
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("the backfill request is invalid", errors);
        }
        return create(project[0], project[1], batch[0], batch[1], after, ORIGIN_API);
    }

    /** Records a backfill; the runner picks it up at once. */
    @Transactional
    public BackfillResponse create(
            String projectId, String projectName, String batchId, String batchName, Instant after, String origin) {
        Backfill b = new Backfill();
        b.projectId = projectId;
        b.projectName = projectName;
        b.batchId = batchId;
        b.batchName = batchName;
        b.completedAfter = after;
        b.origin = origin;
        return get(insert(b));
    }

    /** @throws ProblemException 400 when the id is not a positive number */
    public static long parseId(String id) {
        try {
            long value = Long.parseLong(id);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badField("id", "must be a backfill id");
    }

    /** @throws ProblemException 404 when there is no such backfill */
    @Transactional
    public BackfillResponse get(long id) {
        Backfill b = backfills.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("no backfill " + id));
        return BackfillResponse.of(b, backfills.deliveryOutcomes(id));
    }

    private long insert(Backfill b) {
        b.state = "running";
        b.createdAt = Instant.now();
        b.updatedAt = b.createdAt;
        b.leaseUntil = b.createdAt;
        backfills.persistAndFlush(b);
        return b.id;
    }

    /** Resolves one of {@code x}, {@code x_id}, {@code x_name} into {id, name}. */
    private static String[] scope(
            String field, String either, String id, String name, List<Problem.FieldError> errors) {
        int given = (blank(either) ? 0 : 1) + (blank(id) ? 0 : 1) + (blank(name) ? 0 : 1);
        if (given > 1) {
            errors.add(
                    new Problem.FieldError(field, "give one of " + field + ", " + field + "_id, " + field + "_name"));
            return new String[2];
        }
        for (String value : new String[] {either, id, name}) {
            if (!blank(value) && (value.length() > 256 || value.chars().anyMatch(Character::isISOControl))) {
                errors.add(new Problem.FieldError(field, "must be at most 256 printable characters"));
                return new String[2];
            }
        }
        if (!blank(either)) {
            return SCALE_ID.matcher(either).matches() ? new String[] {either, null} : new String[] {null, either};
        }
        return new String[] {blank(id) ? null : id, blank(name) ? null : name};
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
