package org.careledger.kernel.value;

/** Service types (服务类型) an institution offers. */
public enum ServiceType {
    /** 全日托 */ FULL_DAY,
    /** 半日托 */ HALF_DAY,
    /** 计时托 */ HOURLY,
    /** 临时托 */ OCCASIONAL,
    /** 寄宿 */ BOARDING
}
