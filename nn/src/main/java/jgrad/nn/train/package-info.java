/**
 * Training: {@link jgrad.nn.train.Trainer#fit} runs mini-batch gradient descent for a number of
 * epochs (forward, loss, backward, update per batch) and returns the trained model with an
 * immutable {@link jgrad.nn.train.History}; {@link jgrad.nn.train.Metrics} scores predictions.
 */
package jgrad.nn.train;
