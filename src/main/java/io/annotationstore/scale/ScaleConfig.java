package io.annotationstore.scale;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.util.List;

/** Scale-facing settings: the callback keys we accept and how we call Scale's API. */
@ConfigMapping(prefix = "scale")
public interface ScaleConfig {

    Callback callback();

    Api api();

    interface Callback {
        /** Accepted values of the {@code scale-callback-auth} header; two at once during rotation. */
        @WithName("auth-keys")
        List<String> authKeys();
    }

    interface Api {
        /** Sent as {@code Authorization: Bearer <key>}; never logged. */
        String key();

        List<String> expand();

        List<String> opts();
    }
}
