package io.github.wechatquota.simulator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar wechat-quota-simulator.jar [options]}: runs the simulator until stopped.
 *
 * <pre>
 * --port N                  port to listen on (default 8089; 0 for a free one)
 * --account APPID:SECRET[:TYPE]   an account (repeatable); TYPE is official-account (default), mini-program,
 *                           test-account or third-party-platform
 * --limit CGI_PATH=N        daily limit of an API for every account (repeatable)
 * --latency MILLIS          delay before every answer
 * --drift FRACTION          WeChat's over-counting, e.g. 0.01
 * --waybill APPID:DELIVERY_ID:BIZ_ID=BALANCE   an e-waybill account of a mini program and its balance (repeatable)
 * --platform COMPONENT_APPID:SECRET[:TICKET]   a third-party platform and a verify ticket pushed at start (repeatable)
 * --authorizer COMPONENT_APPID:APPID:REFRESH_TOKEN[:TYPE]   an account authorized to a platform (repeatable)
 * </pre>
 *
 * Without {@code --account}, one official account {@code wx0123456789abcdef} with secret {@code simulator-secret} is
 * served, so that the README's curl examples work as written.
 */
public final class SimulatorMain {

    static final String DEMO_APP_ID = "wx0123456789abcdef";
    static final String DEMO_SECRET = "simulator-secret";

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        WeChatSimulator simulator;
        try {
            simulator = start(args);
        } catch (IllegalArgumentException bad) {
            usage(System.err, bad.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("WeChat simulator listening on " + simulator.baseUri());
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "wechat-simulator-shutdown"));
        forever.await();
    }

    /** Parses the arguments and starts a simulator; a bad argument is an {@link IllegalArgumentException}. */
    static WeChatSimulator start(String[] args) {
        WeChatSimulator.Builder builder = WeChatSimulator.builder().port(8089);
        List<String[]> limits = new ArrayList<>();
        List<Waybill> waybills = new ArrayList<>();
        List<String[]> tickets = new ArrayList<>();
        Duration latency = Duration.ZERO;
        double drift = 0;
        boolean anyAccount = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> builder.port(parseInt(option, value));
                case "--account" -> {
                    builder.account(parseAccount(value));
                    anyAccount = true;
                }
                case "--limit" -> {
                    String[] pathAndLimit = value.split("=", 2);
                    if (pathAndLimit.length != 2 || !pathAndLimit[0].startsWith("/")) {
                        throw new IllegalArgumentException("--limit takes CGI_PATH=N, e.g. /cgi-bin/menu/create=3; got "
                                + value);
                    }
                    parseInt(option, pathAndLimit[1]);
                    limits.add(pathAndLimit);
                }
                case "--latency" -> latency = Duration.ofMillis(parseInt(option, value));
                case "--drift" -> drift = parseDouble(option, value);
                case "--waybill" -> waybills.add(Waybill.parse(value));
                case "--platform" -> {
                    String[] parts = parts(option, value, 2, 3, "wxcomponent0000001:component-secret:ticket@@@1");
                    builder.platform(parts[0], parts[1]);
                    if (parts.length == 3) {
                        tickets.add(new String[] {parts[0], parts[2]});
                    }
                }
                case "--authorizer" -> {
                    String[] parts = parts(option, value, 3, 4,
                            "wxcomponent0000001:wxauthorizer000001:refreshtoken@@@1");
                    builder.authorizer(parts[0], parts[1], parts[2],
                            parts.length == 4 ? AccountType.fromId(parts[3]) : AccountType.OFFICIAL_ACCOUNT);
                }
                default -> throw new IllegalArgumentException("Unknown option " + option);
            }
        }
        if (!anyAccount) {
            builder.account(DEMO_APP_ID, DEMO_SECRET, AccountType.OFFICIAL_ACCOUNT);
        }
        WeChatSimulator simulator = builder.start();
        limits.forEach(limit -> simulator.setDailyLimitForAll(limit[0], Long.parseLong(limit[1])));
        tickets.forEach(ticket -> simulator.platforms().pushVerifyTicket(ticket[0], ticket[1]));
        simulator.setLatency(latency);
        simulator.setDrift(drift);
        try {
            waybills.forEach(waybill -> waybill.applyTo(simulator));
        } catch (IllegalArgumentException bad) {
            simulator.close();
            throw bad;
        }
        return simulator;
    }

    /** One {@code --waybill APPID:DELIVERY_ID:BIZ_ID=BALANCE}. */
    private record Waybill(String text, String appId, String deliveryId, String bizId, long balance) {

        static Waybill parse(String value) {
            int equals = value.lastIndexOf('=');
            String[] ids = value.substring(0, Math.max(equals, 0)).split(":", -1);
            if (equals < 0 || ids.length != 3 || Arrays.stream(ids).anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("--waybill takes APPID:DELIVERY_ID:BIZ_ID=BALANCE, e.g. "
                        + "wxmini0000000001:YTO:xyz=500; got " + value);
            }
            long balance = parseInt("--waybill " + value + ": BALANCE", value.substring(equals + 1));
            return new Waybill(value, ids[0], ids[1], ids[2], balance);
        }

        void applyTo(WeChatSimulator simulator) {
            try {
                simulator.setWaybillBalance(appId, deliveryId, bizId, balance);
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException("--waybill " + text + ": " + bad.getMessage(), bad);
            }
        }
    }

    private static SimulatedAccount parseAccount(String value) {
        String[] parts = value.split(":");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("--account takes APPID:SECRET[:TYPE], e.g. wx0123456789abcdef:s3cret:"
                    + "mini-program; got " + parts.length + " part(s)");
        }
        AccountType type = parts.length == 3 ? AccountType.fromId(parts[2]) : AccountType.OFFICIAL_ACCOUNT;
        return new SimulatedAccount(parts[0], parts[1], type);
    }

    /** A value of colon-separated parts, none blank; the example says what a right one looks like. */
    private static String[] parts(String option, String value, int min, int max, String example) {
        String[] parts = value.split(":", -1);
        if (parts.length < min || parts.length > max || Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw new IllegalArgumentException(option + " takes " + min + " to " + max + " parts separated by ':', "
                    + "e.g. " + example + "; got " + parts.length + " part(s)");
        }
        return parts;
    }

    private static int parseInt(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, got '" + value + "'");
        }
    }

    private static double parseDouble(String option, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number such as 0.01, got '" + value + "'");
        }
    }

    private static void usage(PrintStream out, String problem) {
        if (!problem.isEmpty()) {
            out.println("error: " + problem);
        }
        out.println("usage: java -jar wechat-quota-simulator.jar [--port N] [--account APPID:SECRET[:TYPE]]...");
        out.println("           [--limit CGI_PATH=N]... [--latency MILLIS] [--drift FRACTION]");
        out.println("           [--waybill APPID:DELIVERY_ID:BIZ_ID=BALANCE]...");
        out.println("           [--platform COMPONENT_APPID:SECRET[:TICKET]]...");
        out.println("           [--authorizer COMPONENT_APPID:APPID:REFRESH_TOKEN[:TYPE]]...");
    }
}
