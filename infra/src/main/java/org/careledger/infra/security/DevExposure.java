package org.careledger.infra.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.core.env.Environment;

/**
 * Decides whether the two features that exist only for trying CareLedger out are on: the local
 * token issuer (anyone who reaches it may mint a token for any role) and the e-license simulator
 * (anyone who reaches it may script the answers of a licence platform).
 *
 * <p>Each is on when its explicit switch says so ({@value #ISSUER_FLAG},
 * {@value #SIMULATOR_FLAG}: {@code true} turns it on whatever the address, {@code false} turns it
 * off); without a switch it is on only while the embedded default runs <em>and</em> the server
 * binds to a loopback address (the default {@code server.address} is 127.0.0.1), so nobody but
 * the machine itself can reach it. The local issuer is also off by default once an identity
 * provider is configured (its tokens would not be accepted anyway).
 */
public final class DevExposure {

    /** Explicit switch of the local token issuer; the name says what it is. */
    public static final String ISSUER_FLAG = "careledger.dev.insecure-local-issuer";
    /** Explicit switch of the e-license simulator. */
    public static final String SIMULATOR_FLAG = "careledger.dev.insecure-simulator";

    private DevExposure() {
    }

    public static boolean issuerEnabled(Environment env) {
        String explicit = env.getProperty(ISSUER_FLAG);
        if ((explicit == null || explicit.isBlank()) && identityProviderConfigured(env)) {
            return false;
        }
        return enabled(env, ISSUER_FLAG);
    }

    /** Whether tokens come from an identity provider ({@code issuer-uri} or {@code jwk-set-uri}). */
    public static boolean identityProviderConfigured(Environment env) {
        String prefix = "spring.security.oauth2.resourceserver.jwt.";
        String issuer = env.getProperty(prefix + "issuer-uri");
        String jwks = env.getProperty(prefix + "jwk-set-uri");
        return issuer != null && !issuer.isBlank() || jwks != null && !jwks.isBlank();
    }

    public static boolean simulatorEnabled(Environment env) {
        return enabled(env, SIMULATOR_FLAG);
    }

    static boolean enabled(Environment env, String flag) {
        String explicit = env.getProperty(flag);
        if (explicit != null && !explicit.isBlank()) {
            return Boolean.parseBoolean(explicit.trim());
        }
        return embeddedDefault(env) && bindsLoopbackOnly(env.getProperty("server.address"));
    }

    static boolean embeddedDefault(Environment env) {
        String url = env.getProperty("spring.datasource.url");
        return url == null || url.isBlank();
    }

    /**
     * Whether a server bound to this address is reachable from this machine only. No address
     * means every interface; names are resolved (at start, before the server runs).
     */
    public static boolean bindsLoopbackOnly(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            InetAddress[] all = InetAddress.getAllByName(address.trim());
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
