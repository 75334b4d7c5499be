/**
 * Loss functions as static composites of core operations: squared and absolute errors for
 * regression, softmax cross-entropy from logits for classification. Each returns a tensor (a
 * scalar unless {@link jgrad.nn.losses.Reduction#NONE}) that {@link jgrad.core.Autodiff}
 * differentiates; none has a backward rule of its own.
 */
package jgrad.nn.losses;
