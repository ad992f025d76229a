package org.switchboard.app;

import java.lang.reflect.InvocationTargetException;

/**
 * The jar's entry point, compiled for Java 8 so that an older java can run it: on a java older than
 * 21 it says in one line what is needed instead of dying with UnsupportedClassVersionError, and on 21
 * or newer it hands over to {@link Main}. It names Main only by reflection: a direct reference would
 * have to be compiled against Main's Java 21 class file.
 */
public final class Launcher {
    static final int REQUIRED = 21;

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        String problem = problem(System.getProperty("java.specification.version"), System.getProperty("java.home"));
        if (problem != null) {
            System.err.println(problem);
            System.exit(1);
        }
        try {
            Class.forName("org.switchboard.app.Main").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** What is wrong with a java of that specification version ("1.8", "17", "21"), or null when nothing. */
    static String problem(String specificationVersion, String javaHome) {
        if (feature(specificationVersion) >= REQUIRED) {
            return null;
        }
        return "Switchboard needs Java " + REQUIRED + " or newer; this is Java " + specificationVersion + " at "
                + javaHome + ". Install a JDK " + REQUIRED + "+ (e.g. Temurin " + REQUIRED + ") and run it with"
                + " that java, or set JAVA_HOME.";
    }

    private static int feature(String version) {
        String v = version == null ? "" : version.trim();
        if (v.startsWith("1.")) {
            v = v.substring(2); // 1.8 and older
        }
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        // unreadable: let it run and fail on its own rather than refuse a java that may be new enough
        return end == 0 ? Integer.MAX_VALUE : Integer.parseInt(v.substring(0, end));
    }
}
