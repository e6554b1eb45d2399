package org.careledger.infra.web;

import org.careledger.kernel.value.Divisions;
import org.springframework.stereotype.Component;

/**
 * Reads the official division list ({@link Divisions}) while the application starts, so that the
 * first request checking a division code (filing, token request, {@code division} query parameter)
 * does not read the resource files on a Netty thread.
 */
@Component
class DivisionListPreload {

    DivisionListPreload() {
        Divisions.official();
    }
}
