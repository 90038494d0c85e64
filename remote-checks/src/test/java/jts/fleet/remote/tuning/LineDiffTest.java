package jts.fleet.remote.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineDiffTest {
    @Test
    void equalTextsHaveNoDiff() {
        assertThat(LineDiff.unified("a\nb\n", "a\nb\n", "x", "y")).isEmpty();
    }

    @Test
    void aNewFileIsAllInsertions() {
        assertThat(LineDiff.unified("", "a\nb\n", "old", "new")).isEqualTo("""
                --- old
                +++ new
                @@ -0,0 +1,2 @@
                +a
                +b
                """);
    }

    @Test
    void aChangedLineShowsContextAndDeletionFirst() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        String after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";

        assertThat(LineDiff.unified(before, after, "a", "b")).isEqualTo("""
                --- a
                +++ b
                @@ -2,7 +2,7 @@
                 2
                 3
                 4
                -5
                +five
                 6
                 7
                 8
                """);
    }

    @Test
    void distantChangesMakeSeparateHunks() {
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            before.append(i).append('\n');
            after.append(i == 2 ? "two" : i == 19 ? "nineteen" : Integer.toString(i)).append('\n');
        }

        String diff = LineDiff.unified(before.toString(), after.toString(), "a", "b");

        assertThat(diff.lines().filter(l -> l.startsWith("@@"))).containsExactly("@@ -1,5 +1,5 @@", "@@ -16,5 +16,5 @@");
        assertThat(diff).contains("-2\n+two\n", "-19\n+nineteen\n");
    }
}
