package io.annotationstore.infra;

/** The two roles of api.md §6. An admin token carries both. */
public final class Roles {

    public static final String READER = "reader";
    public static final String ADMIN = "admin";

    private Roles() {}
}
