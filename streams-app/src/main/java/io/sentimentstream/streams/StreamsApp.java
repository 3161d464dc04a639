package io.sentimentstream.streams;
/** Placeholder until the topology issue. */
public final class StreamsApp { private StreamsApp() { } public static void main(String[] a) { } }
