package org.careledger.query.whitelist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameTokensTest {

    @Test
    void aChineseNameIsIndexedByItsCharactersAndAdjacentPairs() {
        assertThat(NameTokens.of("托育中心")).containsExactlyInAnyOrder("托", "育", "托育", "中", "育中", "心", "中心");
    }

    @Test
    void aQueryNeedsTheBigramsOfItsHanRuns() {
        assertThat(NameTokens.query("托育中心")).containsExactlyInAnyOrder("托育", "育中", "中心");
        assertThat(NameTokens.query("汶上")).containsExactly("汶上");
    }

    @Test
    void aSingleCharacterQueryUsesTheCharacter() {
        assertThat(NameTokens.query("阳")).containsExactly("阳");
        assertThat(NameTokens.query("阳 光")).containsExactlyInAnyOrder("阳", "光");
    }

    @Test
    void latinWordsAreLowerCasedAndPunctuationSeparates() {
        assertThat(NameTokens.of("Happy-Kids 托育")).contains("happy", "kids", "托育");
        assertThat(NameTokens.query("'; DROP")).containsExactly("drop");
        assertThat(NameTokens.query("{$gt: ''}")).containsExactly("gt");
        assertThat(NameTokens.query(".*")).isEmpty();
    }

    @Test
    void everyQueryTokenOfANameIsAmongItsIndexTokens() {
        String name = "汶上县第二人民医院托育中心";
        assertThat(NameTokens.of(name)).containsAll(NameTokens.query("人民医院"))
                .containsAll(NameTokens.query("汶上县")).doesNotContainAnyElementsOf(NameTokens.query("汶下"));
    }
}
