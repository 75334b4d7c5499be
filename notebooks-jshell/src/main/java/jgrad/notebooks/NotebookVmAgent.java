package jgrad.notebooks;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import jdk.jshell.execution.RemoteExecutionControl;
import jdk.jshell.execution.Util;

/**
 * The main class of the JShell VM that {@link NotebookVm} starts: connects to the runner on the
 * loopback port given as the single argument and runs snippets there with JShell's
 * {@link RemoteExecutionControl}, until the runner closes the session. {@code System.out} and
 * {@code System.err} are sent to the runner, UTF-8 encoded, as they are written. The runner kills
 * the VM when the session ends; should the runner itself end first (Ctrl-C, a kill), the VM ends
 * too, even in the middle of a snippet.
 */
final class NotebookVmAgent {

    private NotebookVmAgent() {
    }

    /**
     * Serves one JShell session until the runner disconnects, then exits, ending any threads the
     * notebook started.
     *
     * @param args the runner's loopback port
     * @throws IOException if the runner cannot be reached
     */
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        // The runner started this VM, so it is the parent; an orphaned notebook must not run on.
        ProcessHandle.current().parent().ifPresent(
                runner -> runner.onExit().thenRun(() -> Runtime.getRuntime().halt(1)));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            // Commands and results are small writes, each waiting for the other side's answer.
            socket.setTcpNoDelay(true);
            Map<String, Consumer<OutputStream>> outputs = new HashMap<>();
            outputs.put("out", stream -> System.setOut(new PrintStream(stream, true, UTF_8)));
            outputs.put("err", stream -> System.setErr(new PrintStream(stream, true, UTF_8)));
            Map<String, Consumer<InputStream>> inputs = new HashMap<>();
            inputs.put("in", System::setIn);
            Util.forwardExecutionControlAndIO(new RemoteExecutionControl(),
                    socket.getInputStream(), socket.getOutputStream(), outputs, inputs);
        }
        System.exit(0);
    }
}
