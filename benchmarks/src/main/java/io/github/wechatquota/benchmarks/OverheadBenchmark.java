package io.github.wechatquota.benchmarks;

import static io.github.wechatquota.benchmarks.Fixtures.CALL_STUB;
import static io.github.wechatquota.benchmarks.Fixtures.NO_LIMIT_IN_SIGHT;
import static io.github.wechatquota.benchmarks.Fixtures.OK;

import com.giffing.bucket4j.spring.boot.starter.config.aspect.Bucket4jAopConfig;
import com.giffing.bucket4j.spring.boot.starter.config.cache.Bucket4jCacheConfiguration;
import com.giffing.bucket4j.spring.boot.starter.context.RateLimiting;
import feign.Client;
import feign.Feign;
import feign.Headers;
import feign.RequestLine;
import feign.Response;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.SynchronizationStrategy;
import io.github.resilience4j.common.ratelimiter.configuration.CommonRateLimiterConfigurationProperties;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.spring6.fallback.configure.FallbackConfiguration;
import io.github.resilience4j.spring6.ratelimiter.configure.RateLimiterConfiguration;
import io.github.resilience4j.spring6.ratelimiter.configure.RateLimiterConfigurationProperties;
import io.github.resilience4j.spring6.spelresolver.configure.SpelResolverConfiguration;
import io.github.wechatquota.annotation.QuotaPolicy;
import io.github.wechatquota.annotation.WeChatApi;
import io.github.wechatquota.engine.GuardedApi;
import io.github.wechatquota.engine.QuotaGuard;
import io.github.wechatquota.feign.WeChatQuotaCapability;
import io.github.wechatquota.spring.aop.WeChatApiAspect;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.EnableAspectJAutoProxy;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;

/**
 * Measurement 1: what one permitted call costs, with the local store, beside the limiters a user would pick instead.
 * Every guarded or limited call ends in the same bare call, which returns WeChat's canned {@code {"errcode":0,...}}
 * (the guard scans it for an errcode, as it does after every real call). Run with {@code -prof gc} for bytes/op.
 *
 * <p>Modes and threads come from the command line ({@code benchmarks/run.sh}); iterations from the annotations: the
 * Spring and Feign paths, with deeper call stacks for the JIT to compile, get more warm-up. A fixed heap keeps the
 * garbage collector's sizing out of the numbers (Feign allocates about 25 KB per call).
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OverheadBenchmark {

    // ---- local limiters ---------------------------------------------------------------------------------------

    /** The bare call and every framework-free limiter, built once per trial. */
    @State(Scope.Benchmark)
    public static class Local {
        Fixtures.WeChatStub weChat;
        Bucket bucket4j;
        Bucket bucket4jSynchronized;
        QuotaGuard guard;
        GuardedApi api;
        RateLimiter resilience4j;
        com.google.common.util.concurrent.RateLimiter guava;

        @Setup(Level.Trial)
        public void setUp() {
            weChat = new Fixtures.WeChatStub(OK);
            Bandwidth daily = Bandwidth.builder()
                    .capacity(NO_LIMIT_IN_SIGHT)
                    .refillIntervally(NO_LIMIT_IN_SIGHT, Duration.ofDays(1))
                    .build();
            // As a user builds one: Bucket4j's default, lock-free (compare-and-swap on a copied state).
            bucket4j = Bucket.builder().addLimit(daily).build();
            // Bucket4j's other local strategy: updated in place under a lock, no allocation.
            bucket4jSynchronized = Bucket.builder().addLimit(daily)
                    .withSynchronizationStrategy(SynchronizationStrategy.SYNCHRONIZED).build();
            guard = Fixtures.quietGuard().build();
            api = guard.register(Fixtures.SEND_API);
            api.bind(null);
            resilience4j = RateLimiter.of("bench", RateLimiterConfig.custom()
                    .limitForPeriod(Integer.MAX_VALUE)
                    .limitRefreshPeriod(Duration.ofSeconds(1))
                    .timeoutDuration(Duration.ZERO)
                    .build());
            guava = com.google.common.util.concurrent.RateLimiter.create(1e9);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            guard.close();
        }
    }

    /** No limiter: the call every other benchmark wraps. */
    @Benchmark
    public Object bare(Local state) {
        return state.weChat.send();
    }

    /** A raw Bucket4j local bucket as a user builds one (lock-free), then the call. */
    @Benchmark
    public Object bucket4j(Local state) {
        if (!state.bucket4j.tryConsume(1)) {
            throw new IllegalStateException("limited");
        }
        return state.weChat.send();
    }

    /** A raw Bucket4j local bucket with the SYNCHRONIZED strategy (updated in place under a lock). */
    @Benchmark
    public Object bucket4jSynchronized(Local state) {
        if (!state.bucket4jSynchronized.tryConsume(1)) {
            throw new IllegalStateException("limited");
        }
        return state.weChat.send();
    }

    /** The core guard: QuotaGuard.call for the default account, local store. */
    @Benchmark
    public Object guard(Local state) throws Throwable {
        return state.guard.call(state.api, null, state.weChat, CALL_STUB);
    }

    /** Resilience4j's AtomicRateLimiter (its default), then the call. */
    @Benchmark
    public Object resilience4j(Local state) {
        if (!state.resilience4j.acquirePermission()) {
            throw new IllegalStateException("limited");
        }
        return state.weChat.send();
    }

    /** Guava's SmoothBursty RateLimiter, then the call. */
    @Benchmark
    public Object guava(Local state) {
        if (!state.guava.tryAcquire()) {
            throw new IllegalStateException("limited");
        }
        return state.weChat.send();
    }

    // ---- Spring: the @WeChatApi aspect -------------------------------------------------------------------------

    /** A pass-through annotation: Spring AOP's own cost, with an aspect that does nothing. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface PassThrough {
    }

    /** An aspect that only proceeds. */
    @Aspect
    public static class PassThroughAspect {
        @Around("@annotation(io.github.wechatquota.benchmarks.OverheadBenchmark.PassThrough)")
        public Object around(ProceedingJoinPoint joinPoint) throws Throwable {
            return joinPoint.proceed();
        }
    }

    /** A bean calling WeChat, guarded as users write it. */
    public static class GuardedMessenger {
        @WeChatApi(cgiPath = Fixtures.SEND, dailyLimit = NO_LIMIT_IN_SIGHT, onExhausted = QuotaPolicy.REJECT)
        public String send() {
            return OK;
        }
    }

    /** The same bean under the pass-through aspect. */
    public static class PassThroughMessenger {
        @PassThrough
        public String send() {
            return OK;
        }
    }

    /** The aspect wired as the starter's auto-configuration wires it, with a guard built as in {@link Local}. */
    @Configuration(proxyBeanMethods = false)
    @EnableAspectJAutoProxy(proxyTargetClass = true)
    public static class SpringConfig {
        @Bean(destroyMethod = "close")
        QuotaGuard guard() {
            return Fixtures.quietGuard().build();
        }

        @Bean
        static WeChatApiAspect wechatApiAspect(ObjectProvider<QuotaGuard> guard) {
            return new WeChatApiAspect(guard::getObject, Ordered.LOWEST_PRECEDENCE - 100);
        }

        @Bean
        PassThroughAspect passThroughAspect() {
            return new PassThroughAspect();
        }

        @Bean
        GuardedMessenger guardedMessenger() {
            return new GuardedMessenger();
        }

        @Bean
        PassThroughMessenger passThroughMessenger() {
            return new PassThroughMessenger();
        }
    }

    /** A minimal Spring context: the aspect, the guard and two proxied beans. */
    @State(Scope.Benchmark)
    public static class Spring {
        AnnotationConfigApplicationContext context;
        GuardedMessenger guarded;
        PassThroughMessenger passThrough;

        @Setup(Level.Trial)
        public void setUp() {
            context = new AnnotationConfigApplicationContext(SpringConfig.class);
            guarded = context.getBean(GuardedMessenger.class);
            passThrough = context.getBean(PassThroughMessenger.class);
            guarded.send(); // resolves the method's guard: the first call's work is not what is measured
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            context.close();
        }
    }

    /** The peer's annotation path: a bean method under Resilience4j's {@code @RateLimiter}, through its aspect. */
    public static class Resilience4jMessenger {
        @io.github.resilience4j.ratelimiter.annotation.RateLimiter(name = "bench")
        public String send() {
            return OK;
        }
    }

    /** Resilience4j's Spring wiring, as its Spring Boot starter imports it, with a limit no benchmark reaches. */
    @Configuration(proxyBeanMethods = false)
    @EnableAspectJAutoProxy(proxyTargetClass = true)
    @Import({RateLimiterConfiguration.class, FallbackConfiguration.class, SpelResolverConfiguration.class})
    public static class Resilience4jSpringConfig {
        @Bean
        RateLimiterConfigurationProperties rateLimiterProperties() {
            RateLimiterConfigurationProperties properties = new RateLimiterConfigurationProperties();
            properties.getInstances().put("bench", new CommonRateLimiterConfigurationProperties.InstanceProperties()
                    .setLimitForPeriod(Integer.MAX_VALUE)
                    .setLimitRefreshPeriod(Duration.ofSeconds(1))
                    .setTimeoutDuration(Duration.ZERO));
            return properties;
        }

        @Bean
        Resilience4jMessenger resilience4jMessenger() {
            return new Resilience4jMessenger();
        }
    }

    /** A minimal Spring context with Resilience4j's rate limiter aspect. */
    @State(Scope.Benchmark)
    public static class Resilience4jSpring {
        AnnotationConfigApplicationContext context;
        Resilience4jMessenger limited;

        @Setup(Level.Trial)
        public void setUp() {
            context = new AnnotationConfigApplicationContext(Resilience4jSpringConfig.class);
            limited = context.getBean(Resilience4jMessenger.class);
            limited.send();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            context.close();
        }
    }

    /** The other peer's annotation path: a bean method under bucket4j-spring-boot-starter's {@code @RateLimiting}. */
    public static class Bucket4jStarterMessenger {
        @RateLimiting(name = Bucket4jStarterSpringConfig.METHOD)
        public String send() {
            return OK;
        }
    }

    /**
     * bucket4j-spring-boot-starter's method rate limiting as an application gets it: its auto-configuration (the
     * cache resolver, its services, the aspect) started in a minimal context after Spring Boot's cache
     * auto-configuration, which makes the JCache manager (Caffeine's provider, in-process) and the cache the starter
     * keeps its buckets in; the starter's properties as an application.yml would set them, with a limit no benchmark
     * reaches.
     */
    @Configuration(proxyBeanMethods = false)
    @EnableAspectJAutoProxy(proxyTargetClass = true)
    @EnableCaching
    @ImportAutoConfiguration({CacheAutoConfiguration.class, Bucket4jCacheConfiguration.class,
            Bucket4jAopConfig.class})
    public static class Bucket4jStarterSpringConfig {
        static final String METHOD = "bench";

        /** The starter's and the cache's properties, {@code capacity} calls a day. */
        static Map<String, Object> properties(long capacity) {
            return Map.of(
                    "spring.cache.type", "jcache",
                    "spring.cache.jcache.provider", "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider",
                    "spring.cache.cache-names", "bench-buckets",
                    "bucket4j.cache-to-use", "jcache",
                    "bucket4j.methods[0].name", METHOD,
                    "bucket4j.methods[0].cache-name", "bench-buckets",
                    "bucket4j.methods[0].rate-limit.bandwidths[0].capacity", capacity,
                    "bucket4j.methods[0].rate-limit.bandwidths[0].time", 1,
                    "bucket4j.methods[0].rate-limit.bandwidths[0].unit", "days");
        }

        /** The context started with {@code capacity} calls a day. */
        static AnnotationConfigApplicationContext start(long capacity) {
            AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("bucket4j", properties(capacity)));
            context.register(Bucket4jStarterSpringConfig.class);
            context.refresh();
            return context;
        }

        @Bean
        Bucket4jStarterMessenger bucket4jStarterMessenger() {
            return new Bucket4jStarterMessenger();
        }
    }

    /** A minimal Spring context with bucket4j-spring-boot-starter's {@code @RateLimiting} aspect. */
    @State(Scope.Benchmark)
    public static class Bucket4jStarterSpring {
        AnnotationConfigApplicationContext context;
        Bucket4jStarterMessenger limited;

        @Setup(Level.Trial)
        public void setUp() {
            context = Bucket4jStarterSpringConfig.start(NO_LIMIT_IN_SIGHT);
            limited = context.getBean(Bucket4jStarterMessenger.class);
            limited.send(); // creates the bucket in the cache: the first call's work is not what is measured
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            context.close();
        }
    }

    /** A {@code @RateLimiting} bean method through bucket4j-spring-boot-starter's aspect and JCache (Caffeine). */
    @Benchmark
    @Warmup(iterations = 5, time = 1)
    public Object springBucket4jStarterAspect(Bucket4jStarterSpring state) {
        return state.limited.send();
    }

    /** A {@code @RateLimiter} bean method through Resilience4j's Spring aspect (resilience4j-spring6). */
    @Benchmark
    @Warmup(iterations = 5, time = 1)
    public Object springResilience4jAspect(Resilience4jSpring state) {
        return state.limited.send();
    }

    /** The bean method through a Spring proxy and an aspect that only proceeds: Spring AOP's own share. */
    @Benchmark
    @Warmup(iterations = 5, time = 1)
    public Object springPassThroughAspect(Spring state) {
        return state.passThrough.send();
    }

    /** A {@code @WeChatApi} bean method through the starter's aspect and the guard. */
    @Benchmark
    @Warmup(iterations = 5, time = 1)
    public Object springWeChatApiAspect(Spring state) {
        return state.guarded.send();
    }

    // ---- Feign: the capability ---------------------------------------------------------------------------------

    /** A WeChat client as users declare it for plain Feign. */
    public interface WeChatClient {
        @RequestLine("POST /cgi-bin/message/custom/send")
        @Headers("Content-Type: application/json")
        @WeChatApi(cgiPath = Fixtures.SEND, dailyLimit = NO_LIMIT_IN_SIGHT, onExhausted = QuotaPolicy.REJECT)
        String send(String message);
    }

    /** Feign clients on an in-process {@link Client} answering WeChat's canned reply: no network. */
    @State(Scope.Benchmark)
    public static class FeignClients {
        static final byte[] BODY = OK.getBytes(StandardCharsets.UTF_8);
        static final Map<String, Collection<String>> HEADERS = Map.of("Content-Type", List.of("application/json"));
        static final Client CANNED = (request, options) -> Response.builder()
                .status(200)
                .reason("OK")
                .request(request)
                .headers(HEADERS)
                .body(BODY)
                .build();

        QuotaGuard guard;
        WeChatClient bare;
        WeChatClient guarded;
        String message = "{\"touser\":\"OPENID\",\"msgtype\":\"text\",\"text\":{\"content\":\"Hello\"}}";

        @Setup(Level.Trial)
        public void setUp() {
            guard = Fixtures.quietGuard().build();
            bare = Feign.builder().client(CANNED).target(WeChatClient.class, "http://wechat.invalid");
            guarded = Feign.builder().client(CANNED).addCapability(new WeChatQuotaCapability(guard))
                    .target(WeChatClient.class, "http://wechat.invalid");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            guard.close();
        }
    }

    /** A plain Feign client: encoding, the canned response, decoding. */
    @Benchmark
    @Warmup(iterations = 5, time = 1)
    public Object feignBare(FeignClients state) {
        return state.bare.send(state.message);
    }

    /** The same client with {@link WeChatQuotaCapability}. */
    @Benchmark
    @Warmup(iterations = 5, time = 1)
    public Object feignGuarded(FeignClients state) {
        return state.guarded.send(state.message);
    }
}
