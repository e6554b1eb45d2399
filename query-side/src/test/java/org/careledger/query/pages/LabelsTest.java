package org.careledger.query.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.careledger.kernel.value.ClassType;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void thePagesCallClassTypesAsFamiliesKnowThem() {
        assertThat(Labels.INSTANCE.classTypes().values())
                .containsExactly("乳儿班", "托小班", "托大班", "混龄班");
    }

    @Test
    void theKernelLabelThatSubsidyBasesRecordIsUnchanged() {
        // subsidy decisions' bases hold "child-months in 混合班 (MIXED)"; reproduction compares them byte for byte
        assertThat(ClassType.MIXED.label()).isEqualTo("混合班");
    }
}
