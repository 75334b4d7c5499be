package jgrad.notebooks;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import jdk.jshell.execution.StreamingExecutionControl;
import jdk.jshell.execution.Util;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * The JShell execution engine of one notebook run: snippets run in a separate JVM, the "JShell
 * VM", so that {@code System.exit}, {@code Runtime.halt}, a crash or a runaway loop in a notebook
 * cannot end or block the runner. Build a {@link jdk.jshell.JShell} with
 * {@code executionEngine(vm, Map.of())} and pass the VM's options (its class path) with
 * {@code remoteVMOptions}; one instance serves one {@code JShell}.
 *
 * <p>The VM runs {@link NotebookVmAgent}, which serves JShell's standard remote protocol
 * ({@code jdk.jshell.execution.RemoteExecutionControl}) over a loopback socket, as JShell's default
 * JDI engine does, but without JDI: no JDWP agent in the VM, and {@code TCP_NODELAY} on both ends.
 * (JShell's JDI engine leaves Nagle's algorithm on, which costs about 0.2 s per snippet in
 * delayed acknowledgements: its 24 snippets made {@code autodiff-basics.jsh} run 6 s instead of
 * 3.) The VM is started with the runner's {@code java}, no JIT or GC flags, and only the given
 * options, so notebooks train at full speed.
 *
 * <p>What snippets print reaches the {@code JShell}'s {@code out} and {@code err} as it is
 * printed, in order; the VM's own output (JVM warnings, crash reports) goes to
 * {@code vmOutput}. Without JDI a running snippet cannot be interrupted, so
 * {@link ExecutionControl#stop()} ends the VM, as {@link #kill()} does.
 */
final class NotebookVm implements ExecutionControlProvider {

    /** How long the VM may take to start and connect, in milliseconds. */
    private static final int CONNECT_TIMEOUT_MILLIS = 60_000;
    // accept() wakes this often to notice a VM that died before connecting.
    private static final int ACCEPT_POLL_MILLIS = 100;
    /** How long a killed VM may take to exit, in milliseconds. */
    private static final long EXIT_WAIT_MILLIS = 1_000;
    /** How long the VM's own output may take to drain after it exits, in milliseconds. */
    private static final long DRAIN_WAIT_MILLIS = 1_000;

    private final PrintStream vmOutput;
    private final Object lock = new Object();
    private Process process; // guarded by lock
    private Thread outputPump; // guarded by lock
    private boolean killed; // guarded by lock

    /**
     * Prepares an engine whose VM writes its own output (not the snippets') to {@code vmOutput}.
     *
     * @param vmOutput where the VM's standard output and error streams are copied
     * @throws NullPointerException if {@code vmOutput} is null
     */
    NotebookVm(PrintStream vmOutput) {
        this.vmOutput = requireNonNull(vmOutput, "vmOutput");
    }

    @Override
    public String name() {
        return "jgrad-notebook-vm";
    }

    /**
     * Starts the VM with {@code env.extraRemoteVMOptions()} and connects to it; {@code parameters}
     * are ignored.
     *
     * @throws IOException if the VM cannot be started or does not connect in time
     * @throws IllegalStateException if this engine already started a VM, or was killed
     */
    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters)
            throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(ACCEPT_POLL_MILLIS);
            List<String> command = new ArrayList<>();
            command.add(javaExecutable());
            command.addAll(env.extraRemoteVMOptions());
            command.add(NotebookVmAgent.class.getName());
            command.add(Integer.toString(listener.getLocalPort()));
            Process started = start(command);
            try {
                Socket socket = accept(listener, started, command);
                socket.setTcpNoDelay(true);
                Map<String, OutputStream> outputs = new HashMap<>();
                outputs.put("out", new DecodingOutputStream(env.userOut()));
                outputs.put("err", new DecodingOutputStream(env.userErr()));
                Map<String, InputStream> inputs = new HashMap<>();
                inputs.put("in", env.userIn());
                return Util.remoteInputOutput(socket.getInputStream(), socket.getOutputStream(),
                        outputs, inputs, Control::new);
            } catch (IOException | RuntimeException e) {
                shutDown();
                throw e;
            }
        }
    }

    /** Ends the VM at once, if it runs; a snippet running in it ends the JShell session. */
    void kill() {
        Process current;
        synchronized (lock) {
            killed = true;
            current = process;
        }
        if (current != null) {
            current.destroyForcibly();
        }
    }

    /**
     * Returns the VM's exit status once it has exited, waiting up to {@code waitMillis} for it;
     * empty if it still runs or never started.
     */
    OptionalInt exitStatus(long waitMillis) {
        Process current;
        synchronized (lock) {
            current = process;
        }
        if (current == null) {
            return OptionalInt.empty();
        }
        try {
            if (current.waitFor(waitMillis, TimeUnit.MILLISECONDS)) {
                return OptionalInt.of(current.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OptionalInt.empty();
    }

    /**
     * Kills the VM and copies the rest of its own output. Killed at once: the notebook's state
     * is discarded anyway, and exiting by itself took the VM about 0.3 s more.
     */
    private void shutDown() {
        Process current;
        Thread pump;
        synchronized (lock) {
            current = process;
            pump = outputPump;
        }
        if (current == null) {
            return;
        }
        current.destroyForcibly();
        try {
            current.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            pump.join(DRAIN_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        vmOutput.flush();
    }

    private Process start(List<String> command) throws IOException {
        synchronized (lock) {
            if (process != null || killed) {
                throw new IllegalStateException("a NotebookVm starts one VM, once");
            }
            Process started = new ProcessBuilder(command).redirectErrorStream(true).start();
            process = started;
            outputPump = new Thread(() -> copy(started.getInputStream()), "notebook-vm-output");
            outputPump.setDaemon(true);
            outputPump.start();
            return started;
        }
    }

    private static Socket accept(ServerSocket listener, Process started, List<String> command)
            throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_TIMEOUT_MILLIS);
        while (true) {
            try {
                return listener.accept();
            } catch (SocketTimeoutException e) {
                if (!started.isAlive()) {
                    throw new IOException("the JShell VM exited with status "
                            + started.exitValue() + " before connecting: " + command);
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("the JShell VM did not connect within "
                            + CONNECT_TIMEOUT_MILLIS / 1000 + " s: " + command, e);
                }
            }
        }
    }

    /**
     * Copies the VM's own output line by line (a last unfinished line when it ends), dropping
     * the warning the JVM prints because {@link SnippetVmOptions} adds an incubator module.
     */
    private void copy(InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (in) {
            int count;
            while ((count = in.read(buffer)) >= 0) {
                for (int i = 0; i < count; i++) {
                    line.write(buffer[i]);
                    if (buffer[i] == '\n') {
                        emit(line);
                    }
                }
                if (line.size() > 0 && in.available() == 0) {
                    // Whatever the VM printed without a line end so far (a crash report in
                    // progress) is shown now, unless it may still become the warning.
                    String start = line.toString(StandardCharsets.UTF_8);
                    if (!SnippetVmOptions.INCUBATOR_WARNING.startsWith(start)
                            && !start.startsWith(SnippetVmOptions.INCUBATOR_WARNING)) {
                        emit(line);
                    }
                }
            }
        } catch (IOException e) {
            // The VM is gone; nothing more to copy.
        }
        emit(line);
    }

    private void emit(ByteArrayOutputStream line) {
        if (line.size() == 0) {
            return;
        }
        byte[] bytes = line.toByteArray();
        line.reset();
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith(SnippetVmOptions.INCUBATOR_WARNING)
                && text.strip().endsWith(SnippetVmOptions.VECTOR_MODULE)) {
            return;
        }
        vmOutput.write(bytes, 0, bytes.length);
        vmOutput.flush();
    }

    private static String javaExecutable() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    /** JShell's side of the protocol; stopping a snippet ends the VM. */
    private final class Control extends StreamingExecutionControl {

        Control(ObjectInput in, ObjectOutput out) {
            super(out, in);
        }

        /**
         * Refuses, as the local engine does, so that JShell loads a changed class under a new
         * name. (The agent's own redefine only records the bytes, trusting JDI to have swapped
         * them in; a declaration completed later, say a method calling one declared after it,
         * would keep running its old, unresolved body.)
         */
        @Override
        public void redefine(ClassBytecodes[] classes) throws NotImplementedException {
            throw new NotImplementedException("redefine is not supported without JDI");
        }

        /** Ends the VM: without JDI there is no way to interrupt a snippet inside it. */
        @Override
        public void stop() {
            kill();
        }

        @Override
        public void close() {
            super.close(); // tells the agent the session is over
            shutDown();
        }
    }
}
