package io.github.wechatquota.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The faults the simulator injects: scripted ones, taken in order by the next matching requests, and random
 * ones at a rate. Faults apply to every WeChat path; the {@code /_simulator} control paths never fail.
 */
public final class FaultPlan {

    /** A scripted answer: a fault, or (when {@code fault} is null) WeChat's error reply with {@code errcode}. */
    private record Scripted(String path, Fault fault, int errcode) {
    }

    /** What a request draws: a fault, or an errcode to answer in place of serving it. */
    record Injected(Fault fault, int errcode) {
    }

    private final Deque<Scripted> script = new ArrayDeque<>();
    private final Map<Fault, Double> rates = new EnumMap<>(Fault.class);
    private final SplittableRandom random;
    private Duration hangTime = Duration.ofSeconds(30);

    FaultPlan(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The next request, to any path, gets {@code fault}. */
    public FaultPlan next(Fault fault) {
        return next(fault, 1);
    }

    /** The next {@code times} requests, to any path, get {@code fault}. */
    public FaultPlan next(Fault fault, int times) {
        return next(null, fault, times);
    }

    /** The next {@code times} requests to {@code path} get {@code fault}; other paths are served normally. */
    public synchronized FaultPlan next(String path, Fault fault, int times) {
        Objects.requireNonNull(fault, "fault");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        for (int i = 0; i < times; i++) {
            script.add(new Scripted(path, fault, 0));
        }
        return this;
    }

    /**
     * The next {@code times} requests to {@code path} (to any path when null) answer HTTP 200 with {@code errcode} and
     * WeChat's errmsg for it, e.g. 45009, without being served or counted: WeChat said no.
     */
    public synchronized FaultPlan nextErrcode(String path, int errcode, int times) {
        if (errcode == 0) {
            throw new IllegalArgumentException("errcode 0 is a success: script an error errcode, e.g. 45009");
        }
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        for (int i = 0; i < times; i++) {
            script.add(new Scripted(path, null, errcode));
        }
        return this;
    }

    /** Each request gets {@code fault} with this probability, after any scripted fault. */
    public synchronized FaultPlan rate(Fault fault, double probability) {
        Objects.requireNonNull(fault, "fault");
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be within [0, 1], was " + probability);
        }
        rates.put(fault, probability);
        return this;
    }

    /** How long a {@link Fault#HANG} holds the connection before closing it; 30 seconds unless set. */
    public synchronized FaultPlan hangTime(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("hang time must not be negative, was " + duration);
        }
        this.hangTime = duration;
        return this;
    }

    /** Removes every scripted fault, scripted errcode and rate. */
    public synchronized void clear() {
        script.clear();
        rates.clear();
    }

    synchronized Duration hangTime() {
        return hangTime;
    }

    synchronized Optional<Injected> draw(String path) {
        for (var it = script.iterator(); it.hasNext(); ) {
            Scripted scripted = it.next();
            if (scripted.path() == null || scripted.path().equals(path)) {
                it.remove();
                return Optional.of(new Injected(scripted.fault(), scripted.errcode()));
            }
        }
        for (Map.Entry<Fault, Double> rate : rates.entrySet()) {
            if (rate.getValue() > 0 && random.nextDouble() < rate.getValue()) {
                return Optional.of(new Injected(rate.getKey(), 0));
            }
        }
        return Optional.empty();
    }
}
