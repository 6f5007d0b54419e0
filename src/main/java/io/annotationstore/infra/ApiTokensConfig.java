package io.annotationstore.infra;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.util.List;
import java.util.Optional;

/** Bearer tokens for {@code /api/v1}: readers query and export, admins also operate the ingest. */
@ConfigMapping(prefix = "api")
public interface ApiTokensConfig {

    @WithName("reader-tokens")
    Optional<List<String>> readerTokens();

    @WithName("admin-tokens")
    List<String> adminTokens();
}
