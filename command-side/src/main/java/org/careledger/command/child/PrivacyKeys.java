package org.careledger.command.child;

/**
 * The secrets behind the personal-data store: a master key that wraps each child's data key, and
 * a key for hashing citizen IDs. Supplied by configuration (the embedded default generates them
 * once and keeps them in the data directory).
 */
public interface PrivacyKeys {

    /** 32 bytes (AES-256) that wrap the per-child data keys. */
    byte[] masterKey();

    /** The master key's version, stored with every wrapped key so keys can be rotated. */
    int masterKeyVersion();

    /** Key of the HMAC-SHA256 over citizen IDs. */
    byte[] citizenIdHashKey();
}
