package io.github.wechatquota.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AntPatternTest {

    @Test
    void matches_exactPattern_matchesOnlyThatPath() {
        assertThat(AntPattern.matches("/cgi-bin/menu/create", "/cgi-bin/menu/create")).isTrue();
        assertThat(AntPattern.matches("/cgi-bin/menu/create", "/cgi-bin/menu/get")).isFalse();
        assertThat(AntPattern.matches("/cgi-bin/menu/create", "/cgi-bin/menu/create/more")).isFalse();
        assertThat(AntPattern.matches("/cgi-bin/menu/create", "/cgi-bin/menu")).isFalse();
    }

    @Test
    void matches_doubleStar_matchesAnyNumberOfSegments() {
        assertThat(AntPattern.matches("/cgi-bin/message/**", "/cgi-bin/message/custom/send")).isTrue();
        assertThat(AntPattern.matches("/cgi-bin/message/**", "/cgi-bin/message/mass/preview")).isTrue();
        assertThat(AntPattern.matches("/cgi-bin/message/**", "/cgi-bin/message/x")).isTrue();
    }

    @Test
    void matches_doubleStar_matchesZeroSegments() {
        assertThat(AntPattern.matches("/cgi-bin/message/**", "/cgi-bin/message")).isTrue();
    }

    @Test
    void matches_doubleStar_doesNotMatchASiblingPrefix() {
        assertThat(AntPattern.matches("/cgi-bin/message/**", "/cgi-bin/messages/send")).isFalse();
        assertThat(AntPattern.matches("/cgi-bin/message/**", "/wxa/message/send")).isFalse();
    }

    @Test
    void matches_doubleStarInTheMiddle_spansSegments() {
        assertThat(AntPattern.matches("/cgi-bin/**/send", "/cgi-bin/message/custom/send")).isTrue();
        assertThat(AntPattern.matches("/cgi-bin/**/send", "/cgi-bin/send")).isTrue();
        assertThat(AntPattern.matches("/cgi-bin/**/send", "/cgi-bin/message/custom/preview")).isFalse();
    }

    @Test
    void matches_everything_withSlashDoubleStar() {
        assertThat(AntPattern.matches("/**", "/cgi-bin/menu/create")).isTrue();
        assertThat(AntPattern.matches("/**", "/sns/userinfo")).isTrue();
    }

    @Test
    void matches_singleStar_staysWithinOneSegment() {
        assertThat(AntPattern.matches("/cgi-bin/menu/*", "/cgi-bin/menu/create")).isTrue();
        assertThat(AntPattern.matches("/cgi-bin/menu/*", "/cgi-bin/menu/addconditional")).isTrue();
        assertThat(AntPattern.matches("/cgi-bin/*", "/cgi-bin/menu/create")).isFalse();
    }

    @Test
    void matches_starWithinASegment_matchesThePartsAround() {
        assertThat(AntPattern.matches("/cgi-bin/message/*/send", "/cgi-bin/message/custom/send")).isTrue();
        assertThat(AntPattern.matches("/cgi-bin/media/upload*", "/cgi-bin/media/uploadnews")).isTrue();
        assertThat(AntPattern.matches("/cgi-bin/media/upload*", "/cgi-bin/media/upload")).isTrue();
        assertThat(AntPattern.matches("/cgi-bin/media/*news", "/cgi-bin/media/uploadnews")).isTrue();
        assertThat(AntPattern.matches("/cgi-bin/media/*news", "/cgi-bin/media/uploadimg")).isFalse();
    }

    @Test
    void matches_questionMark_matchesExactlyOneCharacter() {
        assertThat(AntPattern.matches("/cgi-bin/user/ge?", "/cgi-bin/user/get")).isTrue();
        assertThat(AntPattern.matches("/cgi-bin/user/ge?", "/cgi-bin/user/ge")).isFalse();
        assertThat(AntPattern.matches("/cgi-bin/user/ge?", "/cgi-bin/user/gets")).isFalse();
    }

    @Test
    void matches_questionMark_doesNotMatchASlash() {
        assertThat(AntPattern.matches("/cgi-bin?menu/create", "/cgi-bin/menu/create")).isFalse();
    }
}
