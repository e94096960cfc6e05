package io.github.wechatquota.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Puts a run of one section alone (the stores, section 2, or the accuracy, section 4) into docs/benchmarks.md as a full
 * run wrote it: the section is replaced whole, its rows of the targets table and its bullets in the closing notes are
 * replaced where they stood (a row or note is the section's when {@code owns} says so: for the stores when it starts
 * with a store's name, see {@link StoreReport#owns}), the opening paragraph is the current one; everything else, and so
 * every other number, is kept as it was.
 *
 * @param heading how the section's heading starts, e.g. {@code "## 2. "}
 * @param owns whether a target row's or a note's text (without its table or list markup) is the section's
 */
record SectionSplice(String heading, Predicate<String> owns) {

    /** Section 2, the shared stores ({@code benchmarks/run.sh stores}). */
    static final SectionSplice STORES = new SectionSplice("## 2. ", StoreReport::owns);
    /** Section 4, the accuracy ({@code benchmarks/run.sh accuracy}). */
    static final SectionSplice ACCURACY = new SectionSplice("## 4. ", AccuracyReport::owns);
    /** Section 5, a platform's scale ({@code benchmarks/run.sh scale}). */
    static final SectionSplice SCALE = new SectionSplice("## 5. ", ScaleReport::owns);

    private static final String TARGETS = "## Targets";
    private static final String NOTES = "## Notes: targets missed, and why";
    private static final String MARGINS = "### The margins, explained";
    private static final String ALL_MET = "Every target is met.";

    /**
     * @param section the new section, from its heading to the blank line that ends it
     * @param rows the section's rows of the targets table
     * @throws IllegalArgumentException when the file lacks a part a full run writes
     */
    String splice(String doc, String intro, String section, List<String> rows, List<String> missed,
            List<String> explained) {
        if (!doc.contains("\n" + heading)) {
            // A section the file does not have yet (written by a full run before it existed): it goes before the notes.
            int notes = heading(doc, NOTES, 0);
            doc = doc.substring(0, notes) + heading + "\n\n" + doc.substring(notes);
        }
        int start = heading(doc, heading, 0);
        int end = heading(doc, "## ", start + 1);
        List<String> lines = new ArrayList<>(List.of((doc.substring(0, start) + section + doc.substring(end))
                .split("\n", -1)));
        lines.set(lineStarting(lines, "Measured by `benchmarks/run.sh`", 0), intro);

        int table = lineStarting(lines, TARGETS, 0) + 4; // heading, blank, header row, separator
        int tableEnd = blockEnd(lines, table, "| ");
        replace(lines, table, tableEnd, rows, row -> owns.test(row.substring(2)));

        int notes = lineStarting(lines, NOTES, 0) + 2;
        int notesEnd = lineStarting(lines, MARGINS, notes) - 1;
        List<String> missedNow = new ArrayList<>(lines.subList(notes, notesEnd));
        missedNow.removeIf(line -> line.isBlank() || line.equals(ALL_MET));
        replace(missedNow, 0, missedNow.size(), bullets(missed), line -> owns.test(line.substring(2)));
        if (missedNow.isEmpty()) {
            missedNow.add(ALL_MET);
        }
        lines.subList(notes, notesEnd).clear();
        lines.addAll(notes, missedNow);

        int margins = lineStarting(lines, MARGINS, 0) + 2;
        replace(lines, margins, blockEnd(lines, margins, "- "), bullets(explained),
                line -> owns.test(line.substring(2)));
        return String.join("\n", lines);
    }

    /** Replaces the owned lines of {@code lines[from, to)} with {@code fresh}, where the first owned one stood. */
    private static void replace(List<String> lines, int from, int to, List<String> fresh,
            Predicate<String> owned) {
        List<String> kept = new ArrayList<>();
        int at = -1;
        for (String line : lines.subList(from, to)) {
            if (owned.test(line)) {
                at = at < 0 ? kept.size() : at;
            } else {
                kept.add(line);
            }
        }
        kept.addAll(at < 0 ? kept.size() : at, fresh);
        lines.subList(from, to).clear();
        lines.addAll(from, kept);
    }

    private static List<String> bullets(List<String> notes) {
        return notes.stream().map(note -> "- " + note).toList();
    }

    private static int heading(String doc, String prefix, int from) {
        int at = doc.startsWith(prefix, from) ? from : doc.indexOf("\n" + prefix, from);
        if (at < 0) {
            throw new IllegalArgumentException("docs/benchmarks.md has no '" + prefix + "' heading: run the full"
                    + " benchmarks/run.sh once");
        }
        return doc.startsWith(prefix, at) ? at : at + 1;
    }

    private static int lineStarting(List<String> lines, String prefix, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new IllegalArgumentException("docs/benchmarks.md has no line starting '" + prefix + "': run the full"
                + " benchmarks/run.sh once");
    }

    /** The index after the run of lines starting with {@code prefix} from {@code from}. */
    private static int blockEnd(List<String> lines, int from, String prefix) {
        int i = from;
        while (i < lines.size() && lines.get(i).startsWith(prefix)) {
            i++;
        }
        return i;
    }
}
