package io.annotationstore.infra;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Maps a configured token to its role; an unknown token fails authentication (401). */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final ApiTokensConfig config;

    public ApiTokenIdentityProvider(ApiTokensConfig config) {
        this.config = config;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        boolean admin = Secrets.matchesAny(token, config.adminTokens());
        boolean reader = Secrets.matchesAny(token, config.readerTokens().orElse(List.of()));
        if (!admin && !reader) {
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown API token"));
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(admin ? Roles.ADMIN : Roles.READER))
                .addRole(Roles.READER);
        if (admin) {
            identity.addRole(Roles.ADMIN);
        }
        return Uni.createFrom().item(identity.build());
    }
}
