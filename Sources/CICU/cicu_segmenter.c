/*
 * Segmentation of UTF-8 lines with one reused ICU break iterator. Each line is converted to UTF-16
 * in a reused buffer and handed to ubrk_setText; the boundaries (UTF-16 indices) are mapped back
 * to UTF-8 byte offsets in one forward walk. Converting costs less than it saves: ICU's iterators,
 * and its dictionary engines above all, index UTF-16 text directly, while a UTF-8 UText goes
 * through utext_setNativeIndex/utext_next32 for every step (on the multilingual benchmark text
 * the conversion route takes 0.11 s where utext_openUTF8 takes 0.14 s). See CICU.h for the
 * contract.
 */
#include "CICU.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

struct cicu_segmenter {
    UBreakIterator *iterator;
    UChar *units;          /* the current line in UTF-16 */
    int32_t capacity;      /* UChars allocated at `units` */
    int32_t root_rules;
};

static void set_error(int32_t *error, UErrorCode status) {
    if (error) *error = U_FAILURE(status) ? (int32_t)status : 0;
}

cicu_segmenter *cicu_segmenter_open(int32_t kind, const char *locale, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIteratorType type;
    switch (kind) {
    case CICU_BREAK_CHARACTER: type = UBRK_CHARACTER; break;
    case CICU_BREAK_WORD: type = UBRK_WORD; break;
    case CICU_BREAK_SENTENCE: type = UBRK_SENTENCE; break;
    default: set_error(error, U_ILLEGAL_ARGUMENT_ERROR); return NULL;
    }
    cicu_segmenter *segmenter = calloc(1, sizeof *segmenter);
    if (!segmenter) { set_error(error, U_MEMORY_ALLOCATION_ERROR); return NULL; }
    segmenter->iterator = ubrk_open(type, locale, NULL, 0, &status);
    if (U_FAILURE(status)) { set_error(error, status); free(segmenter); return NULL; }
    const char *actual = ubrk_getLocaleByType(segmenter->iterator, ULOC_ACTUAL_LOCALE, &status);
    if (U_FAILURE(status)) { set_error(error, status); ubrk_close(segmenter->iterator); free(segmenter); return NULL; }
    segmenter->root_rules = actual == NULL || actual[0] == 0 || strcmp(actual, "root") == 0;
    set_error(error, U_ZERO_ERROR);
    return segmenter;
}

void cicu_segmenter_close(cicu_segmenter *segmenter) {
    if (!segmenter) return;
    free(segmenter->units);
    ubrk_close(segmenter->iterator);
    free(segmenter);
}

int32_t cicu_segmenter_uses_root_rules(const cicu_segmenter *segmenter) {
    return segmenter->root_rules;
}

/* The UTF-8 byte length of the code point whose lead byte is `lead` (valid UTF-8). */
static int32_t utf8_length(uint8_t lead) {
    return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

int32_t cicu_segmenter_run(cicu_segmenter *segmenter, const uint8_t *text, int32_t length,
                           int32_t *boundaries, int32_t *statuses, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    /* A UTF-8 string never has more UTF-16 units than bytes. */
    if (segmenter->capacity < length + 1) {
        int32_t capacity = length + 1 > 2 * segmenter->capacity ? length + 1 : 2 * segmenter->capacity;
        UChar *units = realloc(segmenter->units, (size_t)capacity * sizeof(UChar));
        if (!units) { set_error(error, U_MEMORY_ALLOCATION_ERROR); return 0; }
        segmenter->units = units;
        segmenter->capacity = capacity;
    }
    int32_t count16 = 0;
    u_strFromUTF8(segmenter->units, segmenter->capacity, &count16, (const char *)text, length, &status);
    ubrk_setText(segmenter->iterator, segmenter->units, count16, &status);
    if (U_FAILURE(status)) { set_error(error, status); return 0; }
    UBreakIterator *iterator = segmenter->iterator;
    int32_t count = 0;
    boundaries[count] = ubrk_first(iterator);
    if (statuses) statuses[count] = 0;
    count += 1;
    /* Boundaries only grow, so one walk over the UTF-8 maps them all: i8 bytes hold i16 units. */
    int32_t i8 = 0, i16 = 0;
    for (int32_t next = ubrk_next(iterator); next != UBRK_DONE && count <= length; next = ubrk_next(iterator)) {
        while (i16 < next) {
            int32_t step = utf8_length(text[i8]);
            i8 += step;
            i16 += step == 4 ? 2 : 1;
        }
        boundaries[count] = i8;
        if (statuses) statuses[count] = ubrk_getRuleStatus(iterator);
        count += 1;
    }
    set_error(error, U_ZERO_ERROR);
    return count;
}
