package org.careledger.command.licence;

/**
 * Marks the e-license simulator built into the application (the embedded default and tests): with
 * no {@code careledger.e-license.base-url}, licences are verified against it, and an instance
 * without it cannot verify licences at all.
 */
public interface BuiltInLicencePlatform {
}
