package io.github.wechatquota.catalog;

import static io.github.wechatquota.catalog.AccountType.MINI_PROGRAM;
import static io.github.wechatquota.catalog.AccountType.OFFICIAL_ACCOUNT;
import static io.github.wechatquota.catalog.AccountType.TEST_ACCOUNT;
import static io.github.wechatquota.catalog.AccountType.THIRD_PARTY_PLATFORM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class QuotaCatalogTest {

    private static final QuotaCatalog BUILT_IN = QuotaCatalog.builtIn();

    private static OptionalLong daily(AccountType type, String cgiPath) {
        return BUILT_IN.find(type, cgiPath).orElseThrow().dailyLimit();
    }

    private static OptionalLong perMinute(AccountType type, String cgiPath) {
        return BUILT_IN.find(type, cgiPath).orElseThrow().perMinuteLimit();
    }

    private static QuotaCatalog parse(String csv) throws IOException {
        return QuotaCatalog.parse(new StringReader(csv));
    }

    // ---- the built-in catalog's documented figures ----

    @Test
    void find_tokenForOfficialAccount_is2000() {
        assertThat(daily(OFFICIAL_ACCOUNT, "/cgi-bin/token")).hasValue(2000);
    }

    @Test
    void find_menuCreateForOfficialAccount_is1000() {
        assertThat(daily(OFFICIAL_ACCOUNT, "/cgi-bin/menu/create")).hasValue(1000);
    }

    @Test
    void find_customSendForOfficialAccount_is500000() {
        assertThat(daily(OFFICIAL_ACCOUNT, "/cgi-bin/message/custom/send")).hasValue(500_000);
    }

    @Test
    void find_massSendallForOfficialAccount_is100() {
        assertThat(daily(OFFICIAL_ACCOUNT, "/cgi-bin/message/mass/sendall")).hasValue(100);
    }

    @Test
    void find_uploadnewsForOfficialAccount_is10() {
        assertThat(daily(OFFICIAL_ACCOUNT, "/cgi-bin/media/uploadnews")).hasValue(10);
    }

    @Test
    void find_userInfoForOfficialAccount_is5000000() {
        assertThat(daily(OFFICIAL_ACCOUNT, "/cgi-bin/user/info")).hasValue(5_000_000);
    }

    @Test
    void find_tokenForTestAccount_is200() {
        assertThat(daily(TEST_ACCOUNT, "/cgi-bin/token")).hasValue(200);
    }

    @Test
    void find_customSendForTestAccount_is50000() {
        assertThat(daily(TEST_ACCOUNT, "/cgi-bin/message/custom/send")).hasValue(50_000);
    }

    @Test
    void find_stableTokenForEveryAccountType_is10000PerMinuteWithoutDailyLimit() {
        for (AccountType type : AccountType.values()) {
            assertThat(BUILT_IN.find(type, "/cgi-bin/stable_token")).as(type.id()).hasValueSatisfying(entry -> {
                assertThat(entry.perMinuteLimit()).hasValue(10_000);
                assertThat(entry.dailyLimit()).isEmpty();
            });
        }
    }

    @Test
    void find_msgSecCheckForMiniProgram_is4000PerMinute() {
        assertThat(perMinute(MINI_PROGRAM, "/wxa/msg_sec_check")).hasValue(4000);
    }

    @Test
    void find_snsPaths_haveNoLimits() {
        for (String path : List.of("/sns/oauth2/access_token", "/sns/oauth2/refresh_token", "/sns/userinfo")) {
            assertThat(BUILT_IN.find(OFFICIAL_ACCOUNT, path)).as(path).hasValueSatisfying(entry -> {
                assertThat(entry.dailyLimit()).isEmpty();
                assertThat(entry.perMinuteLimit()).isEmpty();
            });
        }
    }

    @Test
    void find_nameOfEntry_isTheDescription() {
        assertThat(BUILT_IN.find(OFFICIAL_ACCOUNT, "/cgi-bin/message/custom/send").orElseThrow().name())
                .isEqualTo("send customer service message");
    }

    @Test
    void find_pathOfAnotherAccountType_isEmpty() {
        assertThat(BUILT_IN.find(OFFICIAL_ACCOUNT, "/wxa/msg_sec_check")).isEmpty();
    }

    @Test
    void find_unknownPath_isEmpty() {
        assertThat(BUILT_IN.find(THIRD_PARTY_PLATFORM, "/cgi-bin/no/such/api")).isEmpty();
    }

    @Test
    void knows_pathOfOneAccountTypeOnly_isTrue() {
        assertThat(BUILT_IN.knows("/cgi-bin/component/api_component_token")).isTrue();
    }

    @Test
    void knows_unknownPath_isFalse() {
        assertThat(BUILT_IN.knows("/cgi-bin/no/such/api")).isFalse();
    }

    @Test
    void entries_ofBuiltIn_areInFileOrder() {
        assertThat(BUILT_IN.entries().get(0))
                .isEqualTo(CatalogEntry.builder(OFFICIAL_ACCOUNT, "/cgi-bin/token")
                        .dailyLimit(2000).name("get access_token").build());
        assertThat(BUILT_IN.entries()).last().extracting(CatalogEntry::cgiPath)
                .isEqualTo("/cgi-bin/component/api_authorizer_token");
    }

    @Test
    void entries_areUnmodifiable() {
        assertThatThrownBy(() -> BUILT_IN.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void builtIn_calledTwice_givesEqualEntries() {
        assertThat(QuotaCatalog.builtIn().entries()).isEqualTo(BUILT_IN.entries());
    }

    // ---- overrides ----

    @Test
    void withOverrides_sameTypeAndPath_replacesEntryInPlace() {
        CatalogEntry cap = CatalogEntry.builder(OFFICIAL_ACCOUNT, "/cgi-bin/menu/create").dailyLimit(500)
                .perMinuteLimit(10).name("capped").build();

        QuotaCatalog catalog = BUILT_IN.withOverrides(List.of(cap));

        assertThat(catalog.find(OFFICIAL_ACCOUNT, "/cgi-bin/menu/create")).contains(cap);
        assertThat(catalog.entries()).hasSameSizeAs(BUILT_IN.entries());
        assertThat(catalog.entries().indexOf(cap))
                .isEqualTo(BUILT_IN.entries().indexOf(BUILT_IN.find(OFFICIAL_ACCOUNT, "/cgi-bin/menu/create").get()));
    }

    @Test
    void withOverrides_leavesOtherAccountTypesUntouched() {
        QuotaCatalog catalog = BUILT_IN.withOverrides(
                List.of(CatalogEntry.builder(OFFICIAL_ACCOUNT, "/cgi-bin/menu/create").dailyLimit(500).build()));

        assertThat(catalog.find(TEST_ACCOUNT, "/cgi-bin/menu/create").orElseThrow().dailyLimit()).hasValue(100);
    }

    @Test
    void withOverrides_newPath_isAppendedAndKnown() {
        CatalogEntry added = CatalogEntry.builder(MINI_PROGRAM, "/wxa/getwxacodeunlimit")
                .dailyLimit(5_000_000).name("wxacode").build();

        QuotaCatalog catalog = BUILT_IN.withOverrides(List.of(added));

        assertThat(catalog.find(MINI_PROGRAM, "/wxa/getwxacodeunlimit")).contains(added);
        assertThat(catalog.knows("/wxa/getwxacodeunlimit")).isTrue();
        assertThat(catalog.entries()).last().isEqualTo(added);
    }

    @Test
    void withOverrides_leavesOriginalCatalogUnchanged() {
        BUILT_IN.withOverrides(List.of(CatalogEntry.builder(OFFICIAL_ACCOUNT, "/cgi-bin/token").dailyLimit(1).build()));

        assertThat(daily(OFFICIAL_ACCOUNT, "/cgi-bin/token")).hasValue(2000);
    }

    @Test
    void withOverrides_sameTypeAndPathTwice_isRejected() {
        List<CatalogEntry> twice = List.of(CatalogEntry.builder(OFFICIAL_ACCOUNT, "/cgi-bin/token").dailyLimit(1)
                .build(),
                CatalogEntry.builder(OFFICIAL_ACCOUNT, "/cgi-bin/token").dailyLimit(2).build());

        assertThatIllegalArgumentException().isThrownBy(() -> BUILT_IN.withOverrides(twice))
                .withMessage("overrides name official-account /cgi-bin/token twice: give one entry per account type"
                        + " and cgi_path");
    }

    // ---- the format ----

    @Test
    void parse_commentsAndBlankLines_areSkipped() throws IOException {
        QuotaCatalog catalog = parse("# comment\n\n   \nmini-program,/cgi-bin/token,2000,,get access_token\n");

        assertThat(catalog.entries()).containsExactly(
                CatalogEntry.builder(MINI_PROGRAM, "/cgi-bin/token").dailyLimit(2000).name("get access_token").build());
    }

    @Test
    void parse_emptyLimits_meanNone() throws IOException {
        CatalogEntry entry = parse("official-account,/sns/userinfo,,,profile").entries().get(0);

        assertThat(entry.dailyLimit()).isEmpty();
        assertThat(entry.perMinuteLimit()).isEmpty();
    }

    @Test
    void parse_byteOrderMark_isIgnored() throws IOException {
        assertThat(parse("\uFEFFofficial-account,/cgi-bin/token,2000,,token").entries()).hasSize(1);
    }

    @Test
    void parse_crlfLineEndings_areAccepted() throws IOException {
        assertThat(parse("official-account,/cgi-bin/token,2000,,a\r\ntest-account,/cgi-bin/token,200,,b\r\n")
                .entries()).extracting(CatalogEntry::dailyLimit)
                .containsExactly(OptionalLong.of(2000), OptionalLong.of(200));
    }

    @Test
    void parse_wrongCellCount_reportsLineNumberAndColumns() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> parse("# header\nofficial-account,/cgi-bin/token,2000\n"))
                .withMessage("line 2: expected 5 cells (account_type,cgi_path,daily_limit,per_minute_limit,name),"
                        + " found 3");
    }

    @Test
    void parse_commaInName_saysNamesCannotContainOne() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> parse("official-account,/cgi-bin/token,2000,,get, refresh"))
                .withMessageStartingWith("line 1: expected 5 cells")
                .withMessageEndingWith("found 6 (a name cannot contain a comma)");
    }

    @Test
    void parse_unknownAccountType_reportsLineAndAcceptedIds() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> parse("official-account,/cgi-bin/token,2000,,a\nminiprogram,/cgi-bin/token,2000,,b"))
                .withMessage("line 2: Unknown account type 'miniprogram': use one of official-account, mini-program,"
                        + " test-account, third-party-platform");
    }

    @Test
    void parse_invalidCgiPath_reportsLineAndCgiPathProblem() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> parse("official-account,cgi-bin/token,2000,,a"))
                .withMessage("line 1: cgi_path 'cgi-bin/token' must start with '/': use '/cgi-bin/token' (WeChat"
                        + " answers 76003 otherwise)");
    }

    @Test
    void parse_nonNumericLimit_reportsLineColumnAndValue() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> parse("official-account,/cgi-bin/token,2000,ten,a"))
                .withMessage("line 1: per_minute_limit 'ten' is not a whole number of 0 or more: write the count, or"
                        + " leave it empty when WeChat documents no limit");
    }

    @Test
    void parse_negativeLimit_isRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> parse("official-account,/cgi-bin/token,-1,,a"))
                .withMessageStartingWith("line 1: daily_limit '-1' is not a whole number of 0 or more");
    }

    @Test
    void parse_sameTypeAndPathTwice_namesTheFirstLine() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> parse("official-account,/cgi-bin/token,2000,,a\n#\nofficial-account,/cgi-bin/token,"
                        + "100,,b"))
                .withMessage("line 3: official-account /cgi-bin/token is already listed on line 1: keep one line per"
                        + " account type and cgi_path");
    }

    @Test
    void parse_samePathForTwoAccountTypes_isAccepted() throws IOException {
        QuotaCatalog catalog = parse("official-account,/cgi-bin/token,2000,,a\ntest-account,/cgi-bin/token,200,,b");

        assertThat(catalog.find(TEST_ACCOUNT, "/cgi-bin/token").orElseThrow().dailyLimit()).hasValue(200);
    }

    @Test
    void fromResource_malformed_namesResourceAndLine() {
        assertThatIllegalStateException().isThrownBy(() -> QuotaCatalog.fromResource("malformed-limits.csv"))
                .withMessage("The built-in catalog io/github/wechatquota/catalog/malformed-limits.csv is malformed:"
                        + " line 3: daily_limit '1k' is not a whole number of 0 or more: write the count, or leave it"
                        + " empty when WeChat documents no limit");
    }

    @Test
    void fromResource_missing_saysTheJarIsIncomplete() {
        assertThatIllegalStateException().isThrownBy(() -> QuotaCatalog.fromResource("no-such-limits.csv"))
                .withMessageStartingWith("The built-in catalog io/github/wechatquota/catalog/no-such-limits.csv is"
                        + " missing from the classpath");
    }
}
