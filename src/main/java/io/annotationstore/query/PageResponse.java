package io.annotationstore.query;

import java.util.List;
import java.util.function.ToLongFunction;

/** A keyset page: {@code next_cursor} is null on the last page. */
public record PageResponse<T>(List<T> items, String nextCursor) {

    /**
     * Builds a page from up to {@code limit + 1} rows: the extra row only tells that more exist.
     */
    public static <R, T> PageResponse<T> of(
            String scope, List<R> rows, int limit, ToLongFunction<R> id, java.util.function.Function<R, T> map) {
        boolean more = rows.size() > limit;
        List<R> page = more ? rows.subList(0, limit) : rows;
        String next = more ? Cursor.encode(scope, id.applyAsLong(page.get(page.size() - 1))) : null;
        return new PageResponse<>(page.stream().map(map).toList(), next);
    }
}
