/**
 * Files of tensors: {@link jgrad.nn.io.Safetensors} reads and writes the safetensors format
 * (validated before anything is allocated, written atomically); {@link jgrad.nn.io.Checkpoint}
 * saves and loads a model's parameters, layer state and optimiser state in one such file;
 * {@link jgrad.nn.io.StateTensors} turns an optimiser's state records into named tensors and
 * back.
 */
package jgrad.nn.io;
