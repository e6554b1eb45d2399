/**
 * National standards both sides read: class sizes, age bands, staff ratios, the limits of family
 * care points. Local policies that vary by jurisdiction and date are configuration, not here.
 */
package org.careledger.kernel.standard;
