package org.switchboard.ui.model;

/**
 * What the panel asks before a step that cannot be undone or that reaches everyone online: the view
 * shows it as a dialog whose confirm button says what it does, with Cancel as the default.
 */
public record Question(String title, String header, String content, String confirm) { }
