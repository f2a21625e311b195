package dev.anax.codecs.resp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis 7.0 replies with doubles formatted by {@code printf("%.17g")}. The expectations below come
 * from {@code ZADD z <v> a} then {@code ZSCORE z a} on a real Redis 7.0.15 (first group) and from
 * glibc's {@code snprintf("%.17g")} (the rest).
 */
class RespDoublesTest
{
    @ParameterizedTest
    @CsvSource({
        // Confirmed with ZSCORE on Redis 7.0.15 (RESP2 bulk and RESP3 double alike).
        "0.1, 0.10000000000000001",
        "1.5, 1.5",
        "3.0, 3",
        "1e300, 1.0000000000000001e+300",
        "0, 0",
        "1e17, 1e+17",
        "1e16, 10000000000000000",
        "123456789012345678, 1.2345678901234568e+17",
        "1e-5, 1.0000000000000001e-05",
        "0.0001, 0.0001",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "5e-324, 4.9406564584124654e-324",
        "2.5e-7, 2.4999999999999999e-07",
        "100, 100",
        "1e21, 1e+21",
        "0.3, 0.29999999999999999",
        "3.14159, 3.1415899999999999",
        "1e15, 1000000000000000",
        "12345678.9, 12345678.9",
    })
    void shouldFormatLikeRedisZscore(final double value, final String expected)
    {
        assertThat(RespDoubles.format(value)).isEqualTo(expected);
    }

    static Object[][] glibc()
    {
        return new Object[][]{
            {"0.2", "0.20000000000000001"},
            {"-1e+300", "-1.0000000000000001e+300"},
            {"1.234e-05", "1.234e-05"},
            {"9.999999999999998e+16", "99999999999999984"},
            {"2.2250738585072014e-308", "2.2250738585072014e-308"},
            {"-2.5", "-2.5"},
            {"1e+22", "1e+22"},
            {"0.5", "0.5"},
            {"123.456", "123.456"},
            {"-0.001", "-0.001"},
            {"9007199254740992.0", "9007199254740992"},
            {"4503599627370498.0", "4503599627370498"},
            {"0.30000000000000004", "0.30000000000000004"},
            {"0.3333333333333333", "0.33333333333333331"},
            {"0.6666666666666666", "0.66666666666666663"},
            {"-100.0", "-100"},
            {"9.9999e-05", "9.9999000000000003e-05"},
            {"4.492152248019643e+253", "4.4921522480196427e+253"},
            {"160351883752.32532", "160351883752.32532"},
            {"-5.4399131119142674e+209", "-5.4399131119142674e+209"},
            {"4.383079907872608e-15", "4.383079907872608e-15"},
            {"8.614354442467737e+83", "8.6143544424677373e+83"},
            {"-5.314965623006408e-268", "-5.3149656230064081e-268"},
            {"-1.146488202889241e+126", "-1.146488202889241e+126"},
            {"2.51627196477289e-246", "2.5162719647728899e-246"},
            {"-3.892215651960722e-55", "-3.8922156519607219e-55"},
            {"3.589385198837107", "3.5893851988371068"},
            {"-3.994044171376333e-290", "-3.9940441713763328e-290"},
            {"2811461620697.4565", "2811461620697.4565"},
            {"6.962609881020059e+201", "6.962609881020059e+201"},
            {"-3.41619470970423e+138", "-3.4161947097042303e+138"},
            {"2.887337660350333e+69", "2.8873376603503331e+69"},
            {"942277.569934254", "942277.56993425405"},
            {"-708004.5695075496", "-708004.56950754963"},
            {"-584524.9559368504", "-584524.9559368504"},
            {"372719.44487058534", "372719.44487058534"},
            {"342987.3026330995", "342987.30263309949"},
            // Exact ties at the 18th digit: glibc rounds half to even.
            {"1125899906842624.25", "1125899906842624.2"},
            {"1125899906842624.75", "1125899906842624.8"},
            {"562949953421312.125", "562949953421312.12"},
            {"562949953421312.375", "562949953421312.38"},
        };
    }

    @ParameterizedTest
    @MethodSource("glibc")
    void shouldFormatLikeGlibcPercentPoint17g(final String value, final String expected)
    {
        assertThat(RespDoubles.format(Double.parseDouble(value))).isEqualTo(expected);
    }

    @Test
    void shouldFormatInfinities()
    {
        assertThat(RespDoubles.format(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(RespDoubles.format(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @Test
    void shouldFormatNan()
    {
        assertThat(RespDoubles.format(Double.NaN)).isEqualTo("nan");
    }

    @Test
    void shouldKeepTheSignOfNegativeZero()
    {
        // %.17g prints -0; Redis shows it for a skiplist-encoded zset member scored -0.0.
        assertThat(RespDoubles.format(-0.0)).isEqualTo("-0");
        assertThat(RespDoubles.format(0.0)).isEqualTo("0");
    }

    @Test
    void shouldSwitchToExponentAtSeventeenIntegerDigitsAndBelowTenToTheMinusFour()
    {
        assertThat(RespDoubles.format(99999999999999984.0)).isEqualTo("99999999999999984");
        assertThat(RespDoubles.format(1e17)).isEqualTo("1e+17");
        assertThat(RespDoubles.format(-1e17)).isEqualTo("-1e+17");
        assertThat(RespDoubles.format(0.0001)).isEqualTo("0.0001");
        assertThat(RespDoubles.format(0.00001)).isEqualTo("1.0000000000000001e-05");
        assertThat(RespDoubles.format(1e100)).isEqualTo("1e+100");
    }

    @Test
    void shouldFormatIntegralValuesWithoutDecimalPoint()
    {
        assertThat(RespDoubles.format(-3.0)).isEqualTo("-3");
        assertThat(RespDoubles.format(1e15 - 1)).isEqualTo("999999999999999");
        assertThat(RespDoubles.format(1e15 + 1)).isEqualTo("1000000000000001");
        assertThat(RespDoubles.format(9007199254740993.0)).isEqualTo("9007199254740992");
    }

    @Test
    void shouldReadBackAsTheSameDouble()
    {
        final long seed = Long.getLong("anax.test.seed", System.nanoTime());
        System.out.println("RespDoublesTest seed = " + seed + "L");
        final Random random = new Random(seed);
        for (int i = 0; i < 100_000; i++)
        {
            final double value = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(value) || Double.isInfinite(value))
            {
                continue;
            }
            final String text = RespDoubles.format(value);
            assertThat(Double.parseDouble(text)).as("seed %dL: %s", seed, text).isEqualTo(value);
            assertThat(text).as("seed %dL", seed).matches("-?[0-9]+(\\.[0-9]*[1-9])?(e[+-][0-9]{2,3})?");
            assertThat(text.replaceAll("e.*|[^0-9]", "").replaceFirst("^0+", "").length()).isLessThanOrEqualTo(17);
        }
    }
}
