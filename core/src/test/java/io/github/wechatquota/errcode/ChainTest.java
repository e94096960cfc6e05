package io.github.wechatquota.errcode;

import static io.github.wechatquota.errcode.ErrcodeExtractor.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ChainTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(ErrcodeExtractor.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    /** Answers {@code code} for every result and exception. */
    private static ErrcodeExtractor constant(int code) {
        return new ErrcodeExtractor() {
            @Override
            public int fromResult(Object result) {
                return code;
            }

            @Override
            public int fromException(Throwable thrown) {
                return code;
            }
        };
    }

    private static final ErrcodeExtractor THROWING = new ErrcodeExtractor() {
        @Override
        public int fromResult(Object result) {
            throw new IllegalStateException("user extractor bug");
        }

        @Override
        public int fromException(Throwable thrown) {
            throw new IllegalStateException("user extractor bug");
        }

        @Override
        public String toString() {
            return "ThrowingExtractor";
        }
    };

    @BeforeEach
    void captureLog() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(logged);
    }

    @Test
    void chain_firstNonNoneAnswer_wins() {
        ErrcodeExtractor chain = ErrcodeExtractor.chain(List.of(constant(NONE), constant(45009), constant(1)));

        assertThat(chain.fromResult("anything")).isEqualTo(45009);
        assertThat(chain.fromException(new RuntimeException())).isEqualTo(45009);
    }

    @Test
    void chain_userExtractorFirst_overridesDefaults() {
        ErrcodeExtractor chain = ErrcodeExtractor.chain(List.of(constant(7), ErrcodeExtractor.defaults()));

        assertThat(chain.fromResult("{\"errcode\":45009}")).isEqualTo(7);
    }

    @Test
    void chain_userExtractorAnsweringNone_fallsThroughToDefaults() {
        ErrcodeExtractor chain = ErrcodeExtractor.chain(List.of(constant(NONE), ErrcodeExtractor.defaults()));

        assertThat(chain.fromResult("{\"errcode\":45009}")).isEqualTo(45009);
    }

    @Test
    void chain_throwingUserExtractor_isSkipped() {
        ErrcodeExtractor chain = ErrcodeExtractor.chain(List.of(THROWING, ErrcodeExtractor.defaults()));

        assertThat(chain.fromResult("{\"errcode\":45009}")).isEqualTo(45009);
        assertThat(chain.fromException(new RuntimeException("errcode=45011"))).isEqualTo(45011);
    }

    @Test
    void chain_throwingUserExtractor_isLoggedOnceAtWarn() {
        ErrcodeExtractor chain = ErrcodeExtractor.chain(List.of(THROWING, ErrcodeExtractor.defaults()));

        chain.fromResult("{}");
        chain.fromResult("{}");
        chain.fromException(new RuntimeException());

        assertThat(logged.list).filteredOn(event -> event.getLevel() == Level.WARN).singleElement()
                .satisfies(event -> {
                    assertThat(event.getFormattedMessage()).contains("ThrowingExtractor").contains("skipped");
                    assertThat(event.getThrowableProxy().getMessage()).isEqualTo("user extractor bug");
                });
    }

    @Test
    void chain_ofNoExtractors_returnsNone() {
        ErrcodeExtractor chain = ErrcodeExtractor.chain(List.of());

        assertThat(chain.fromResult("{\"errcode\":45009}")).isEqualTo(NONE);
    }

    @Test
    void chain_nullElement_isRejected() {
        assertThatNullPointerException()
                .isThrownBy(() -> ErrcodeExtractor.chain(Arrays.asList(ErrcodeExtractor.defaults(), null)))
                .withMessage("extractors contains null at index 1");
    }

    @Test
    void chain_listChangedAfterwards_isUnaffected() {
        List<ErrcodeExtractor> extractors = new ArrayList<>(List.of(constant(1)));
        ErrcodeExtractor chain = ErrcodeExtractor.chain(extractors);

        extractors.set(0, constant(2));

        assertThat(chain.fromResult(null)).isEqualTo(1);
    }
}
