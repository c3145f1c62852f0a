/*
 * Segmentation over UTF-8 with one reused ICU break iterator: utext_openUTF8 wraps the caller's
 * bytes without copying, ubrk_setUText points the iterator at them, and boundaries come back as
 * UTF-8 byte offsets. See CICU.h for the contract.
 */
#include "CICU.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uloc.h>
#include <unicode/utext.h>

struct cicu_segmenter {
    UBreakIterator *iterator;
    UText *text;
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
    utext_close(segmenter->text);
    ubrk_close(segmenter->iterator);
    free(segmenter);
}

int32_t cicu_segmenter_uses_root_rules(const cicu_segmenter *segmenter) {
    return segmenter->root_rules;
}

int32_t cicu_segmenter_run(cicu_segmenter *segmenter, const uint8_t *text, int32_t length,
                           int32_t *boundaries, int32_t *statuses, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    static const char empty[1] = {0};
    segmenter->text = utext_openUTF8(segmenter->text, length > 0 ? (const char *)text : empty, length, &status);
    ubrk_setUText(segmenter->iterator, segmenter->text, &status);
    if (U_FAILURE(status)) { set_error(error, status); return 0; }
    UBreakIterator *iterator = segmenter->iterator;
    int32_t count = 0;
    boundaries[count] = ubrk_first(iterator);
    if (statuses) statuses[count] = 0;
    count += 1;
    for (int32_t next = ubrk_next(iterator); next != UBRK_DONE && count <= length; next = ubrk_next(iterator)) {
        boundaries[count] = next;
        if (statuses) statuses[count] = ubrk_getRuleStatus(iterator);
        count += 1;
    }
    set_error(error, U_ZERO_ERROR);
    return count;
}
