package io.github.wechatquota.engine;

/**
 * When a count of many alike events is logged: at 1, 10, 100, 1,000 and so on, so that 10,000 authorized accounts
 * appearing write five lines, not 10,000.
 */
final class PowersOfTen {

    private PowersOfTen() {
    }

    static boolean includes(long count) {
        if (count < 1) {
            return false;
        }
        long power = 1;
        while (power < count) {
            power *= 10;
        }
        return power == count;
    }
}
