package io.sentimentstream.core.text;

import java.util.List;

/**
 * An open-addressing table from token characters to ids, for looking up tokens that are still in
 * the tokeniser's buffer. A {@code HashMap<String, Integer>} needs a String per token and three
 * dependent loads per probe (node, key, key's bytes); here a probe reads one int of the slot array,
 * the id's hash, and the token's characters from one shared array.
 */
final class CharTable {

    private final int[] slots; // id + 1 per slot, 0 when empty
    private final int mask;
    private final int[] hashes; // per id
    private final int[] starts; // per id, into chars; starts[id + 1] - starts[id] is the length
    private final char[] chars;

    CharTable(List<String> tokens) {
        int total = 0;
        for (String token : tokens) {
            total += token.length();
        }
        chars = new char[total];
        starts = new int[tokens.size() + 1];
        hashes = new int[tokens.size()];
        int capacity = Integer.highestOneBit(Math.max(4, tokens.size() * 4) - 1) << 1; // load <= 1/4
        slots = new int[capacity];
        mask = capacity - 1;
        int at = 0;
        for (int id = 0; id < tokens.size(); id++) {
            String token = tokens.get(id);
            token.getChars(0, token.length(), chars, at);
            starts[id] = at;
            at += token.length();
            starts[id + 1] = at;
            int hash = hash(chars, starts[id], token.length());
            hashes[id] = hash;
            int slot = hash & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = id + 1; // the caller rejects duplicates before building the table
        }
    }

    /** The id of the token in {@code key[0..length)}, or -1. */
    int find(char[] key, int length) {
        int hash = hash(key, 0, length);
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            int id = entry - 1;
            if (hashes[id] == hash && matches(id, key, length)) {
                return id;
            }
        }
    }

    private boolean matches(int id, char[] key, int length) {
        int start = starts[id];
        if (starts[id + 1] - start != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (chars[start + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    private static int hash(char[] text, int from, int length) {
        int h = 0;
        for (int i = from; i < from + length; i++) {
            h = 31 * h + text[i];
        }
        // Spread the polynomial hash so that linear probing over the low bits stays short.
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }
}
