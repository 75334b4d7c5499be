package jgrad.core.kernels;

/**
 * The error function {@code erf(x) = 2 / sqrt(pi) * integral_0^x e^(-t^2) dt} and its complement
 * {@code erfc(x) = 1 - erf(x)} in float64: Java has neither.
 *
 * <p>Method and coefficients: the rational approximations of Sun Microsystems' fdlibm {@code
 * s_erf.c} (K. C. Ng, SunPro, 1993; the same method is in FreeBSD's and musl's libm), written
 * anew here from its documented method; the coefficients are its published minimax values. On
 * {@code |x| < 0.84375}, {@code erf(x) = x + x * R(x^2)} with {@code R} a rational function of
 * degrees 4/5 (a small correction to {@code x}, which keeps the error under one ulp); on {@code
 * [0.84375, 1.25)}, {@code erf(x) = c + P(s) / Q(s)} with {@code s = |x| - 1} and {@code c} erf(1)
 * rounded to 24 bits; on {@code [1.25, 28)}, {@code erfc(x) = exp(-x^2 - 0.5625 + R(1 / x^2) /
 * S(1 / x^2)) / x} with two rational fits (split at {@code 1 / 0.35}), where {@code -x^2} is
 * formed exactly as {@code -z^2 + (z - x)(z + x)} with {@code z} the leading 21 bits of {@code x};
 * beyond, erf is {@code +-1} and erfc 0 or 2 (both rounded).
 *
 * <p>Accuracy, measured against 50-digit mpmath values ({@code ErrorFunctionTest}): erf within
 * 0.76 ulps everywhere; erfc within 1.2 ulps for {@code |x| < 0.84375} and 2.3 ulps (relative)
 * beyond, down to the subnormal range.
 */
public final class ErrorFunction {

    /** erf(1) rounded to 24 bits: the expansion point of the middle interval. */
    private static final double ERX = 8.45062911510467529297e-01;
    /** {@code 2 / sqrt(pi) - 1}: erf(x) = x + EFX x for tiny x. */
    private static final double EFX = 1.28379167095512586316e-01;
    /** {@code 8 EFX}, for subnormal x, where {@code EFX * x} would lose bits. */
    private static final double EFX8 = 1.02703333676410069053e+00;

    // erf(x) = x + x * (PP0 + ... + PP4 z^4) / (1 + QQ1 z + ... + QQ5 z^5), z = x^2, |x| < 0.84375
    private static final double PP0 = 1.28379167095512558561e-01;
    private static final double PP1 = -3.25042107247001499370e-01;
    private static final double PP2 = -2.84817495755985104766e-02;
    private static final double PP3 = -5.77027029648944159157e-03;
    private static final double PP4 = -2.37630166566501626084e-05;
    private static final double QQ1 = 3.97917223959155352819e-01;
    private static final double QQ2 = 6.50222499887672944485e-02;
    private static final double QQ3 = 5.08130628187576562776e-03;
    private static final double QQ4 = 1.32494738004321644526e-04;
    private static final double QQ5 = -3.96022827877536812320e-06;

    // erf(1 + s) - ERX = (PA0 + ... + PA6 s^6) / (1 + QA1 s + ... + QA6 s^6),
    // |x| in [0.84375, 1.25)
    private static final double PA0 = -2.36211856075265944077e-03;
    private static final double PA1 = 4.14856118683748331666e-01;
    private static final double PA2 = -3.72207876035701323847e-01;
    private static final double PA3 = 3.18346619901161753674e-01;
    private static final double PA4 = -1.10894694282396677476e-01;
    private static final double PA5 = 3.54783043256182359371e-02;
    private static final double PA6 = -2.16637559486879084300e-03;
    private static final double QA1 = 1.06420880400844228286e-01;
    private static final double QA2 = 5.40397917702171048937e-01;
    private static final double QA3 = 7.18286544141962662868e-02;
    private static final double QA4 = 1.26171219808761642112e-01;
    private static final double QA5 = 1.36370839120290507362e-02;
    private static final double QA6 = 1.19844998467991074170e-02;

    // ln(x erfc(x)) + x^2 + 0.5625 = RA(s) / SA(s), s = 1 / x^2, x in [1.25, 1 / 0.35)
    private static final double RA0 = -9.86494403484714822705e-03;
    private static final double RA1 = -6.93858572707181764372e-01;
    private static final double RA2 = -1.05586262253232909814e+01;
    private static final double RA3 = -6.23753324503260060396e+01;
    private static final double RA4 = -1.62396669462573470355e+02;
    private static final double RA5 = -1.84605092906711035994e+02;
    private static final double RA6 = -8.12874355063065934246e+01;
    private static final double RA7 = -9.81432934416914548592e+00;
    private static final double SA1 = 1.96512716674392571292e+01;
    private static final double SA2 = 1.37657754143519042600e+02;
    private static final double SA3 = 4.34565877475229228821e+02;
    private static final double SA4 = 6.45387271733267880336e+02;
    private static final double SA5 = 4.29008140027567833386e+02;
    private static final double SA6 = 1.08635005541779435134e+02;
    private static final double SA7 = 6.57024977031928170135e+00;
    private static final double SA8 = -6.04244152148580987438e-02;

    // the same for x in [1 / 0.35, 28): RB(s) / SB(s)
    private static final double RB0 = -9.86494292470009928597e-03;
    private static final double RB1 = -7.99283237680523006574e-01;
    private static final double RB2 = -1.77579549177547519889e+01;
    private static final double RB3 = -1.60636384855821916062e+02;
    private static final double RB4 = -6.37566443368389627722e+02;
    private static final double RB5 = -1.02509513161107724954e+03;
    private static final double RB6 = -4.83519191608651397019e+02;
    private static final double SB1 = 3.03380607434824582924e+01;
    private static final double SB2 = 3.25792512996573918826e+02;
    private static final double SB3 = 1.53672958608443695994e+03;
    private static final double SB4 = 3.19985821950859553908e+03;
    private static final double SB5 = 2.55305040643316442583e+03;
    private static final double SB6 = 4.74528541206955367215e+02;
    private static final double SB7 = -2.24409524465858183362e+01;

    private ErrorFunction() {}

    /**
     * {@code erf(x)}, odd, in {@code [-1, 1]}; {@code erf(+-Inf) = +-1}, NaN stays NaN, the sign
     * of zero is kept.
     */
    public static double erf(double x) {
        double ax = Math.abs(x);
        if (!(ax < 0.84375)) {
            if (Double.isNaN(x)) {
                return x;
            }
            double magnitude = ax < 1.25 ? ERX + nearOne(ax - 1)
                    : ax < 6 ? 1 - tail(ax)
                    : 1.0; // 1 - erfc(6) rounds to 1: erfc(6) = 2.2e-17 is below half an ulp
            return x > 0 ? magnitude : -magnitude;
        }
        if (ax < 0x1p-28) {
            // erf(x) = (1 + EFX) x to within x^3 / 3, far below an ulp of x
            return ax < 0x1p-1000 ? 0.125 * (8.0 * x + EFX8 * x) : x + EFX * x;
        }
        return x + x * nearZero(x * x);
    }

    /**
     * {@code erfc(x) = 1 - erf(x)}, in {@code [0, 2]}, accurate where erf is near 1 (erfc(10) =
     * 2.088e-45, where {@code 1 - erf(10)} is 0); {@code erfc(+Inf) = 0}, {@code erfc(-Inf) =
     * 2}, NaN stays NaN.
     */
    public static double erfc(double x) {
        double ax = Math.abs(x);
        if (ax < 0.84375) {
            if (ax < 0x1p-56) {
                return 1 - x;
            }
            double xr = x * nearZero(x * x);
            // Near 0.5 the form 0.5 - ((x - 0.5) + x R) cancels less than 1 - (x + x R).
            return x < 0.25 ? 1 - (x + xr) : 0.5 - ((x - 0.5) + xr);
        }
        if (Double.isNaN(x)) {
            return x;
        }
        if (ax < 1.25) {
            double p = nearOne(ax - 1);
            return x > 0 ? (1 - ERX) - p : 1 + (ERX + p);
        }
        if (x < -6) {
            return 2.0; // 2 - erfc(6) rounds to 2
        }
        if (ax < 28) {
            double t = tail(ax);
            return x > 0 ? t : 2 - t;
        }
        return x > 0 ? 0.0 : 2.0; // erfc(28) = 6.6e-343 underflows
    }

    /** {@code (erf(x) - x) / x} as a function of {@code z = x^2}, for {@code |x| < 0.84375}. */
    private static double nearZero(double z) {
        double p = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
        double q = 1 + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
        return p / q;
    }

    /** {@code erf(1 + s) - ERX}, for {@code 1 + s} in {@code [0.84375, 1.25)}. */
    private static double nearOne(double s) {
        double p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
        double q = 1 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
        return p / q;
    }

    /** {@code erfc(ax)} for {@code ax} in {@code [1.25, 28)}. */
    private static double tail(double ax) {
        double s = 1 / (ax * ax);
        double r;
        double q;
        if (ax < 1 / 0.35) {
            r = RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6
                    + s * RA7))))));
            q = 1 + s * (SA1 + s * (SA2 + s * (SA3 + s * (SA4 + s * (SA5 + s * (SA6 + s * (SA7
                    + s * SA8)))))));
        } else {
            r = RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6)))));
            q = 1 + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6
                    + s * SB7))))));
        }
        // -ax^2 = -z^2 + (z - ax)(z + ax) with z = ax cut to 21 bits: z^2 and z^2 + 0.5625 are
        // exact, so exp's argument carries no rounding error that exp would magnify.
        double z = Double.longBitsToDouble(Double.doubleToRawLongBits(ax) & 0xffffffff00000000L);
        return Math.exp(-z * z - 0.5625) * Math.exp((z - ax) * (z + ax) + r / q) / ax;
    }
}
