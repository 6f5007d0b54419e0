package io.annotationstore.query;

import io.annotationstore.task.Annotation;
import io.annotationstore.task.AnnotationRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** Reads annotations for the query API. */
@ApplicationScoped
public class AnnotationQueryService {

    private final AnnotationRepository annotations;

    AnnotationQueryService(AnnotationRepository annotations) {
        this.annotations = annotations;
    }

    /** One keyset page of the annotations matching {@code filter}, in storage order. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResponse<AnnotationRow> page(AnnotationFilter filter, long afterId, int limit) {
        Parameters parameters = Parameters.with("after", afterId);
        String where = filter.where(parameters) + " and a.id > :after";
        List<Annotation> rows = annotations
                .find("from Annotation a where " + where, Sort.by("id"), parameters)
                .range(0, limit)
                .list();
        return PageResponse.of(rows, limit, a -> a.id, AnnotationRow::of);
    }
}
