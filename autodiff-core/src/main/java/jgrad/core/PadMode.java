package jgrad.core;

/**
 * How {@link Tensor#pad(int[], PadMode)} fills the new positions, by the names of PyTorch's {@code
 * torch.nn.functional.pad} (NumPy's {@code np.pad} names in parentheses). For {@code x = [1, 2, 3,
 * 4]} padded by 2 on each side:
 *
 * <pre>
 * CONSTANT   ("constant")  [0, 0, 1, 2, 3, 4, 0, 0]   any value; 0 by default
 * REFLECT    ("reflect")   [3, 2, 1, 2, 3, 4, 3, 2]   mirrored without repeating the edge
 * REPLICATE  ("edge")      [1, 1, 1, 2, 3, 4, 4, 4]   the edge element repeated
 * CIRCULAR   ("wrap")      [3, 4, 1, 2, 3, 4, 1, 2]   the elements from the other end
 * </pre>
 */
public enum PadMode {
    /** A constant value (0 unless given). */
    CONSTANT,
    /** The mirror image without the edge element; each width must be less than the axis size. */
    REFLECT,
    /** The edge element repeated; the padded axis must not be empty. */
    REPLICATE,
    /** Periodic continuation; each width must be at most the axis size. */
    CIRCULAR
}
