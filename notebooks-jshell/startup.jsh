// Imports every jgrad notebook starts with. `./notebook` passes this file to interactive jshell
// (--startup); NotebookRunner reads the same file from its jar. Keep it to import snippets only.

// JShell's DEFAULT startup, repeated because the jdk.jshell API (and so the runner) has none.
import java.io.*;
import java.math.*;
import java.net.*;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.*;
import java.util.prefs.*;
import java.util.regex.*;
import java.util.stream.*;

import java.util.random.*;
import com.google.common.collect.*;
import com.google.common.primitives.*;

import jgrad.core.*;
import jgrad.check.*;
import jgrad.datasets.*;
import jgrad.datasets.io.*;
import jgrad.nn.*;
import jgrad.nn.init.*;
import jgrad.nn.io.*;
import jgrad.nn.losses.*;
import jgrad.nn.optim.*;
import jgrad.nn.train.*;
import jgrad.notebooks.*;
import jgrad.plots.*;
