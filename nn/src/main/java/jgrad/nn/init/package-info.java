/**
 * Weight initialisers (PyTorch's {@code torch.nn.init}): zeros, constant, uniform, normal,
 * truncated normal, Glorot (Xavier) uniform and normal, He (Kaiming) uniform and normal with fan
 * mode and gain ({@link jgrad.nn.init.Nonlinearity}), and orthogonal; fans come from the weight's
 * shape, convolution kernels included ({@link jgrad.nn.init.Fans}). Every draw comes from an
 * explicit {@link java.util.random.RandomGenerator}, so equal seeds give equal weights.
 */
package jgrad.nn.init;
