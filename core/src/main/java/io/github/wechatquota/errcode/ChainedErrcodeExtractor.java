package io.github.wechatquota.errcode;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ErrcodeExtractor#chain(List)}: asks each extractor in turn; one that throws is skipped, logged at WARN the
 * first time and at DEBUG after that.
 */
final class ChainedErrcodeExtractor implements ErrcodeExtractor {

    private static final Logger log = LoggerFactory.getLogger(ErrcodeExtractor.class);

    private final ErrcodeExtractor[] extractors;
    private final AtomicBoolean[] warned;

    ChainedErrcodeExtractor(List<ErrcodeExtractor> extractors) {
        Objects.requireNonNull(extractors, "extractors");
        this.extractors = new ErrcodeExtractor[extractors.size()];
        this.warned = new AtomicBoolean[extractors.size()];
        for (int i = 0; i < this.extractors.length; i++) {
            this.extractors[i] = Objects.requireNonNull(extractors.get(i), "extractors contains null at index " + i);
            this.warned[i] = new AtomicBoolean();
        }
    }

    @Override
    public int fromResult(Object result) {
        for (int i = 0; i < extractors.length; i++) {
            try {
                int code = extractors[i].fromResult(result);
                if (code != NONE) {
                    return code;
                }
            } catch (Throwable t) {
                failed(i, "fromResult", t);
            }
        }
        return NONE;
    }

    @Override
    public int fromException(Throwable thrown) {
        for (int i = 0; i < extractors.length; i++) {
            try {
                int code = extractors[i].fromException(thrown);
                if (code != NONE) {
                    return code;
                }
            } catch (Throwable t) {
                failed(i, "fromException", t);
            }
        }
        return NONE;
    }

    private void failed(int index, String method, Throwable t) {
        DefaultErrcodeExtractor.rethrowIfFatal(t);
        ErrcodeExtractor extractor = extractors[index];
        if (warned[index].compareAndSet(false, true)) {
            log.warn("Errcode extractor {} threw from {}; it is skipped for this call and the next extractor asked."
                    + " Later failures of this extractor are logged at DEBUG.", extractor, method, t);
        } else {
            log.debug("Errcode extractor {} threw from {} again; skipped", extractor, method, t);
        }
    }

    @Override
    public String toString() {
        return "ErrcodeExtractor.chain(" + List.of(extractors) + ")";
    }
}
