package jgrad.nn.io;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import jgrad.core.Tensor;

/**
 * The contents of a safetensors file, as {@link Safetensors#read} returns them.
 *
 * @param tensors  the tensors by name, in the order of the file's header
 * @param metadata the {@code "__metadata__"} strings, in file order; empty if the file has none
 */
public record SafetensorsFile(ImmutableMap<String, Tensor> tensors,
        ImmutableMap<String, String> metadata) {

    /** @throws NullPointerException if either is null */
    public SafetensorsFile {
        checkNotNull(tensors, "tensors");
        checkNotNull(metadata, "metadata");
    }

    /** {@code SafetensorsFile[3 tensors: 0.weight F64 [16, 4], ...; metadata {...}]}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("SafetensorsFile[").append(tensors.size())
                .append(tensors.size() == 1 ? " tensor" : " tensors");
        String separator = ": ";
        for (var entry : tensors.entrySet()) {
            out.append(separator).append(entry.getKey()).append(' ')
                    .append(Safetensors.dtypeName(entry.getValue().dtype())).append(' ')
                    .append(entry.getValue().shape());
            separator = ", ";
        }
        return out.append("; metadata ").append(metadata).append(']').toString();
    }
}
