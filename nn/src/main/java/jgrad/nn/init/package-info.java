/**
 * Weight initialisers for layers: Glorot (Xavier) uniform, He (Kaiming) normal and zeros, drawn
 * from an explicit {@link java.util.random.RandomGenerator} so equal seeds give equal weights.
 */
package jgrad.nn.init;
