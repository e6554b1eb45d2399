package org.careledger.infra.demo;

import java.util.List;
import java.util.Set;

import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.GeoPoint;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.kernel.value.ServiceType;

/**
 * One of the real institutions named in docs/domain.md ("Demo data"), as demo data: an entry of
 * {@code demo/institutions.yml}.
 */
record DemoInstitution(String name, String division, String creditCodeStem, InstitutionType type, String address,
                       GeoPoint location, Set<ServiceType> serviceTypes, List<ClassPlan> classes,
                       long monthlyFeeFen, boolean approve, boolean puhui) {

    record ClassPlan(String name, ClassType type, int places) {
    }
}
