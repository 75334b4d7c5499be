/**
 * Loss functions as static composites of core operations, under PyTorch's names and formulas:
 * squared, absolute, Huber and smooth L1 errors for regression; binary cross-entropy from
 * probabilities or logits; softmax cross-entropy from logits with integer labels or target
 * distributions (class weights, an ignored label and label smoothing through {@link
 * jgrad.nn.losses.CrossEntropyOptions}); negative log-likelihood; KL divergence; multi-class
 * hinge, hinge embedding and cosine embedding losses. Each returns a tensor (a scalar unless
 * {@link jgrad.nn.losses.Reduction#NONE}) that {@link jgrad.core.Autodiff} differentiates; none
 * has a backward rule of its own.
 */
package jgrad.nn.losses;
