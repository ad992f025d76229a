package org.switchboard.log;

/** How much a log entry matters to the operator. */
public enum LogLevel {
    DEBUG, INFO, WARN, ERROR
}
