"""Generates jgrad's Vector API micro-kernels and the float64 engine.

FloatVectorGemm.java is edited by hand, except the section between the BEGIN/END GENERATED KERNELS
markers: this script writes the register-tiled micro-kernels there (one local variable per
accumulator register, which the JIT keeps in vector registers; a loop over an array of vectors
would not be), then derives DoubleVectorGemm.java from FloatVectorGemm.java by replacing the
element type and the few constants that differ. Run it after editing FloatVectorGemm.java:

    python3 autodiff-core/src/build/generate_vector_gemm.py

The kernel tiles: MR rows x NV vectors of C, 12 x 2 and 12 x 1 for 32 vector registers, 6 x 2 and
6 x 1 for 16 (see FloatVectorGemm.MR).
"""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
KERNELS = os.path.join(HERE, "..", "main", "java", "jgrad", "core", "kernels")
BEGIN = "    // BEGIN GENERATED KERNELS (generate_vector_gemm.py)\n"
END = "    // END GENERATED KERNELS\n"
TILES = [(12, 2), (12, 1), (6, 2), (6, 1)]
# Constants of the float64 engine that differ from float32 (same names, other values).
DOUBLE_CONSTANTS = {
    "KC": ("256", "192"),  # a 192-deep A sliver (12 x 8 bytes) and B sliver fit L1 together
    "PARALLEL_FLOPS": ("1L << 23", "1L << 22"),  # float64 takes twice as long per flop
}


def kernel(element, rows, vectors):
    """Java source of the rows x vectors register tile for float or double."""
    vector = element.capitalize() + "Vector"
    lines = []
    w = lines.append
    w("    /**")
    w(f"     * The {rows} x {vectors}-vector register tile, {rows * vectors} accumulators: "
      "{@code c[r, 0:" + f"{vectors}L" + "] (+)= sum_p")
    w(f"     * ap[ao + p aps + r] bp[bo + p bps, +{vectors}L)" + "} for {@code p < kc}, by fused "
      "multiply-adds in")
    w("     * order of {@code p} from zero, then stored ({@code c = acc}) or added ({@code c = acc "
      "+ c}).")
    w("     */")
    w(f"    private static void kernel{rows}x{vectors}(int kc, {element}[] ap, int ao, int aps, "
      f"{element}[] bp, int bo,")
    w(f"            int bps, {element}[] c, int co, int ldc, boolean accumulate) {{")
    names = [f"r{r}v{v}" for r in range(rows) for v in range(vectors)]
    w(f"        {vector} r0v0 = {vector}.zero(SPECIES);")
    rest = names[1:]
    for i in range(0, len(rest), 6):
        w(f"        {vector} " + ", ".join(f"{n} = r0v0" for n in rest[i:i + 6]) + ";")
    w("        int ai = ao;")
    w("        int bi = bo;")
    w("        for (int p = 0; p < kc; p++, ai += aps, bi += bps) {")
    for v in range(vectors):
        offset = "" if v == 0 else (" + LANES" if v == 1 else f" + {v} * LANES")
        w(f"            {vector} b{v} = {vector}.fromArray(SPECIES, bp, bi{offset});")
    w(f"            {vector} x;")
    for r in range(rows):
        w(f"            x = {vector}.broadcast(SPECIES, ap[ai{' + ' + str(r) if r else ''}]);")
        for v in range(vectors):
            w(f"            r{r}v{v} = x.fma(b{v}, r{r}v{v});")
    w("        }")

    def target(r, v):
        row = "co" if r == 0 else f"co + {r} * ldc"
        return row + ("" if v == 0 else (" + LANES" if v == 1 else f" + {v} * LANES"))

    w("        if (accumulate) {")
    for r in range(rows):
        for v in range(vectors):
            w(f"            r{r}v{v} = r{r}v{v}.add({vector}.fromArray(SPECIES, c, {target(r, v)}));")
    w("        }")
    for r in range(rows):
        for v in range(vectors):
            w(f"        r{r}v{v}.intoArray(c, {target(r, v)});")
    w("    }")
    return "\n".join(lines) + "\n"


def with_kernels(source, element):
    start = source.index(BEGIN) + len(BEGIN)
    end = source.index(END)
    body = "\n".join(kernel(element, rows, vectors) for rows, vectors in TILES)
    return source[:start] + body + source[end:]


def to_double(source):
    out = source.replace("FloatVector", "DoubleVector").replace("float32", "float64")
    out = re.sub(r"\bfloat\b", "double", out)
    out = re.sub(r"\bFloat\b", "Double", out)
    out = re.sub(r"(\d)f\b", r"\1d", out)
    for name, (single, double) in DOUBLE_CONSTANTS.items():
        old = f"static final {'long' if 'FLOPS' in name else 'int'} {name} = {single};"
        new = old.replace(f"= {single};", f"= {double};")
        assert old in out, old
        out = out.replace(old, new)
    header = ("// Generated from FloatVectorGemm.java by autodiff-core/src/build/"
              "generate_vector_gemm.py:\n// edit that file and rerun the script.\n")
    return header + out


def main():
    float_path = os.path.join(KERNELS, "FloatVectorGemm.java")
    with open(float_path) as f:
        source = f.read()
    source = with_kernels(source, "float")
    with open(float_path, "w") as f:
        f.write(source)
    with open(os.path.join(KERNELS, "DoubleVectorGemm.java"), "w") as f:
        f.write(to_double(source))


if __name__ == "__main__":
    main()
