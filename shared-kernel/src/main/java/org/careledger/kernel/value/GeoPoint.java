package org.careledger.kernel.value;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.stereotype.ValueObject;

/** A WGS-84 location in decimal degrees. */
@ValueObject
public record GeoPoint(double latitude, double longitude) {

    /** The bounds of a latitude and a longitude in degrees (either sign), for published contracts too. */
    public static final double MAX_LATITUDE = 90;
    public static final double MAX_LONGITUDE = 180;

    public GeoPoint {
        if (!Double.isFinite(latitude) || latitude < -MAX_LATITUDE || latitude > MAX_LATITUDE) {
            throw new DomainException(ErrorCode.INVALID_LOCATION, "latitude must be between -90 and 90");
        }
        if (!Double.isFinite(longitude) || longitude < -MAX_LONGITUDE || longitude > MAX_LONGITUDE) {
            throw new DomainException(ErrorCode.INVALID_LOCATION, "longitude must be between -180 and 180");
        }
    }

    private static final double EARTH_RADIUS_KM = 6371.0088;

    /** Great-circle distance in kilometres (haversine). */
    public double distanceKm(GeoPoint other) {
        double dLat = Math.toRadians(other.latitude - latitude);
        double dLng = Math.toRadians(other.longitude - longitude);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(latitude)) * Math.cos(Math.toRadians(other.latitude))
                * Math.sin(dLng / 2) * Math.sin(dLng / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
