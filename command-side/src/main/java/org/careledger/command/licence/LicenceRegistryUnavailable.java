package org.careledger.command.licence;

/** The e-license platform could not answer (down, slow, error, or the circuit is open). */
public class LicenceRegistryUnavailable extends RuntimeException {

    public LicenceRegistryUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
