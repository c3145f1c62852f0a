/*
 * icu_wordbreak.c: the baseline for `Text`'s word tokeniser speed. A plain C loop that reads lines
 * from standard input, walks ICU's UBRK_WORD iterator over each line (one iterator, reused through
 * utext_openUTF8 + ubrk_setUText, locale "en"), counts the segments that are not entirely
 * White_Space, and prints the count and the throughput (input bytes per second, by the clock and by
 * the process's CPU time, which a busy machine disturbs less) to standard error.
 * It allocates nothing per line and converts nothing. With --utf16 it instead converts each line to
 * UTF-16 (u_strFromUTF8 into a reused buffer) and uses ubrk_setText, which ICU walks faster than a
 * UTF-8 UText (its dictionary engines above all): the quicker of the two plain routes, printed next
 * to the first so that neither baseline flatters nlpipe.
 *
 * Build and run:
 *   gcc -O2 -o /tmp/icu_wordbreak bench/icu_wordbreak.c $(pkg-config --cflags --libs icu-uc icu-i18n)
 *   xz -dc /work/shared/data/bleu/bench/en-wmt21-21MB.txt.xz | /tmp/icu_wordbreak
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <string.h>

static double seconds_of(clockid_t clock) {
    struct timespec t;
    clock_gettime(clock, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Whether bytes [start, end) of a valid UTF-8 string are all White_Space code points. */
static int all_white_space(const char *s, int32_t start, int32_t end) {
    int32_t i = start;
    while (i < end) {
        UChar32 c = (uint8_t)s[i];
        if (c < 0x80) {
            if (c != ' ' && (c < 0x09 || c > 0x0D)) return 0;
            i += 1;
            continue;
        }
        U8_NEXT(s, i, end, c);
        if (c < 0 || !u_isUWhiteSpace(c)) return 0;
    }
    return 1;
}

/* Whether UTF-16 units [start, end) are all White_Space code points. */
static int all_white_space16(const UChar *s, int32_t start, int32_t end) {
    int32_t i = start;
    while (i < end) {
        UChar32 c;
        U16_NEXT(s, i, end, c);
        if (!u_isUWhiteSpace(c)) return 0;
    }
    return 1;
}

int main(int argc, char **argv) {
    int utf16 = argc > 1 && strcmp(argv[1], "--utf16") == 0;
    UChar *units = NULL;
    int32_t unit_capacity = 0;
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *words = ubrk_open(UBRK_WORD, "en", NULL, 0, &status);
    if (U_FAILURE(status)) { fprintf(stderr, "icu_wordbreak: ubrk_open: %s\n", u_errorName(status)); return 1; }
    UText *text = NULL;
    char *line = NULL;
    size_t capacity = 0;
    ssize_t length;
    long long tokens = 0, bytes = 0, lines = 0;
    double start = seconds_of(CLOCK_MONOTONIC), start_cpu = seconds_of(CLOCK_PROCESS_CPUTIME_ID);
    while ((length = getline(&line, &capacity, stdin)) >= 0) {
        bytes += length;
        lines += 1;
        if (length > 0 && line[length - 1] == '\n') length -= 1;
        if (utf16) {
            if (unit_capacity < length + 1) {
                unit_capacity = 2 * (int32_t)length + 1;
                units = realloc(units, (size_t)unit_capacity * sizeof(UChar));
                if (!units) { fprintf(stderr, "icu_wordbreak: out of memory\n"); return 1; }
            }
            int32_t count16 = 0;
            u_strFromUTF8(units, unit_capacity, &count16, line, (int32_t)length, &status);
            ubrk_setText(words, units, count16, &status);
        } else {
            text = utext_openUTF8(text, line, length, &status);
            ubrk_setUText(words, text, &status);
        }
        if (U_FAILURE(status)) { fprintf(stderr, "icu_wordbreak: line %lld: %s\n", lines, u_errorName(status)); return 1; }
        int32_t previous = ubrk_first(words);
        for (int32_t next = ubrk_next(words); next != UBRK_DONE; previous = next, next = ubrk_next(words)) {
            if (utf16 ? !all_white_space16(units, previous, next) : !all_white_space(line, previous, next)) tokens += 1;
        }
    }
    double seconds = seconds_of(CLOCK_MONOTONIC) - start, cpu = seconds_of(CLOCK_PROCESS_CPUTIME_ID) - start_cpu;
    fprintf(stderr, "icu_wordbreak: %lld lines, %lld tokens, %.2f MB in %.3f s: %.1f MB/s (CPU time %.3f s: %.1f MB/s)\n",
            lines, tokens, (double)bytes / 1e6, seconds, (double)bytes / 1e6 / seconds, cpu, (double)bytes / 1e6 / cpu);
    utext_close(text);
    free(units);
    ubrk_close(words);
    free(line);
    return 0;
}
