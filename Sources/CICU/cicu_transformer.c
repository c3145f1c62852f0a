/*
 * Normalisation (unorm2) and full case folding (u_strFoldCase) of UTF-8 text, with scratch buffers
 * that live in the handle and grow as needed, so steady-state calls allocate nothing.
 * See CICU.h for the contract.
 */
#include "CICU.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

struct cicu_transformer {
    const UNormalizer2 *normalizer;  /* NULL for CICU_NORMALIZE_NONE */
    UChar *source16;                 /* the input in UTF-16 */
    int32_t source16_capacity;
    UChar *work16;                   /* folded text, or one normalised unit */
    int32_t work16_capacity;
    UChar *extra16;                  /* folded text normalised again */
    int32_t extra16_capacity;
    uint8_t *output;
    int32_t output_capacity;
    int32_t output_length;
    cicu_norm_span *spans;
    int32_t span_capacity;
    int32_t span_count;
};

static void set_error(int32_t *error, UErrorCode status) {
    if (error) *error = U_FAILURE(status) ? (int32_t)status : 0;
}

/* Makes *buffer hold at least `needed` elements of `size` bytes; 0 on allocation failure. */
static int reserve(void **buffer, int32_t *capacity, int64_t needed, size_t size) {
    if (needed <= *capacity) return 1;
    if (needed > INT32_MAX) return 0;
    int64_t grown = (int64_t)*capacity * 2;
    if (grown < needed) grown = needed;
    if (grown < 64) grown = 64;
    if (grown > INT32_MAX) grown = INT32_MAX;
    void *bigger = realloc(*buffer, (size_t)grown * size);
    if (!bigger) return 0;
    *buffer = bigger;
    *capacity = (int32_t)grown;
    return 1;
}

cicu_transformer *cicu_transformer_open(int32_t form, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = NULL;
    switch (form) {
    case CICU_NORMALIZE_NONE: break;
    case CICU_NORMALIZE_NFC: normalizer = unorm2_getNFCInstance(&status); break;
    case CICU_NORMALIZE_NFKC: normalizer = unorm2_getNFKCInstance(&status); break;
    default: status = U_ILLEGAL_ARGUMENT_ERROR;
    }
    if (U_FAILURE(status)) { set_error(error, status); return NULL; }
    cicu_transformer *transformer = calloc(1, sizeof *transformer);
    if (!transformer) { set_error(error, U_MEMORY_ALLOCATION_ERROR); return NULL; }
    transformer->normalizer = normalizer;
    set_error(error, U_ZERO_ERROR);
    return transformer;
}

void cicu_transformer_close(cicu_transformer *transformer) {
    if (!transformer) return;
    free(transformer->source16);
    free(transformer->work16);
    free(transformer->extra16);
    free(transformer->output);
    free(transformer->spans);
    free(transformer);
}

const uint8_t *cicu_transformer_output(const cicu_transformer *transformer) {
    return transformer->output;
}

const cicu_norm_span *cicu_transformer_spans(const cicu_transformer *transformer, int32_t *count) {
    *count = transformer->span_count;
    return transformer->spans;
}

/* Converts valid UTF-8 to UTF-16 in source16; returns the UTF-16 length or -1. */
static int32_t load_source(cicu_transformer *t, const uint8_t *text, int32_t length, UErrorCode *status) {
    if (!reserve((void **)&t->source16, &t->source16_capacity, (int64_t)length + 1, sizeof(UChar))) {
        *status = U_MEMORY_ALLOCATION_ERROR;
        return -1;
    }
    int32_t length16 = 0;
    u_strFromUTF8(t->source16, t->source16_capacity, &length16, (const char *)text, length, status);
    return U_FAILURE(*status) ? -1 : length16;
}

/* Appends UTF-16 text to the output as UTF-8 and returns the number of code points appended. */
static int32_t append_utf16(cicu_transformer *t, const UChar *text, int32_t length, UErrorCode *status) {
    if (!reserve((void **)&t->output, &t->output_capacity, (int64_t)t->output_length + 3 * (int64_t)length, 1)) {
        *status = U_MEMORY_ALLOCATION_ERROR;
        return 0;
    }
    uint8_t *out = t->output;
    int32_t o = t->output_length, code_points = 0;
    for (int32_t i = 0; i < length;) {
        UChar32 c;
        U16_NEXT(text, i, length, c);
        U8_APPEND_UNSAFE(out, o, c);
        code_points += 1;
    }
    t->output_length = o;
    return code_points;
}

static int push_span(cicu_transformer *t, int32_t output_code_point, int32_t source_code_point, int32_t identity) {
    if (!reserve((void **)&t->spans, &t->span_capacity, (int64_t)t->span_count + 1, sizeof(cicu_norm_span))) return 0;
    cicu_norm_span *span = &t->spans[t->span_count++];
    span->output_byte = t->output_length;
    span->output_code_point = output_code_point;
    span->source_code_point = source_code_point;
    span->identity = identity;
    return 1;
}

/* Normalises source16[start, end) into work16; returns the length or -1. */
static int32_t normalize_unit(cicu_transformer *t, int32_t start, int32_t end, UErrorCode *status) {
    int32_t length = unorm2_normalize(t->normalizer, t->source16 + start, end - start, t->work16,
                                      t->work16_capacity, status);
    if (*status == U_BUFFER_OVERFLOW_ERROR) {
        *status = U_ZERO_ERROR;
        if (!reserve((void **)&t->work16, &t->work16_capacity, length, sizeof(UChar))) {
            *status = U_MEMORY_ALLOCATION_ERROR;
            return -1;
        }
        length = unorm2_normalize(t->normalizer, t->source16 + start, end - start, t->work16,
                                  t->work16_capacity, status);
    }
    return U_FAILURE(*status) ? -1 : length;
}

int32_t cicu_transformer_normalize(cicu_transformer *t, const uint8_t *text, int32_t length, int32_t with_spans,
                                   int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    set_error(error, status);
    if (!t->normalizer) return -1;
    int32_t length16 = load_source(t, text, length, &status);
    if (length16 < 0) { set_error(error, status); return -1; }
    const UChar *source = t->source16;
    int32_t yes = unorm2_spanQuickCheckYes(t->normalizer, source, length16, &status);
    if (U_FAILURE(status)) { set_error(error, status); return -1; }
    if (yes == length16) return -1;

    t->output_length = 0;
    t->span_count = 0;
    if (!with_spans) {
        int32_t normalized = normalize_unit(t, 0, length16, &status);
        if (normalized < 0) { set_error(error, status); return -1; }
        append_utf16(t, t->work16, normalized, &status);
        if (U_FAILURE(status)) { set_error(error, status); return -1; }
        return t->output_length;
    }
    int32_t position = 0, source_byte = 0, source_code_point = 0, output_code_point = 0;
    while (position < length16) {
        /* A prefix that is already normalised and ends at a boundary: copy its UTF-8 verbatim. */
        int32_t end = position == 0 ? yes
                                    : position + unorm2_spanQuickCheckYes(t->normalizer, source + position,
                                                                          length16 - position, &status);
        if (U_FAILURE(status)) { set_error(error, status); return -1; }
        if (end > position) {
            int32_t code_points = 0, bytes = 0;
            for (int32_t i = position; i < end;) {
                UChar32 c;
                U16_NEXT(source, i, end, c);
                bytes += U8_LENGTH(c);
                code_points += 1;
            }
            if (!push_span(t, output_code_point, source_code_point, 1) ||
                !reserve((void **)&t->output, &t->output_capacity, (int64_t)t->output_length + bytes, 1)) {
                set_error(error, U_MEMORY_ALLOCATION_ERROR);
                return -1;
            }
            memcpy(t->output + t->output_length, text + source_byte, (size_t)bytes);
            t->output_length += bytes;
            source_byte += bytes;
            source_code_point += code_points;
            output_code_point += code_points;
            position = end;
        }
        if (position >= length16) break;
        /* One unit: a code point and everything up to the next normalisation boundary. */
        int32_t unit_end = position, code_points = 0, bytes = 0;
        do {
            UChar32 c;
            U16_NEXT(source, unit_end, length16, c);
            bytes += U8_LENGTH(c);
            code_points += 1;
            if (unit_end < length16) {
                UChar32 next;
                U16_GET(source, 0, unit_end, length16, next);
                if (unorm2_hasBoundaryBefore(t->normalizer, next)) break;
            }
        } while (unit_end < length16);
        int32_t unit_length = normalize_unit(t, position, unit_end, &status);
        if (unit_length < 0 || !push_span(t, output_code_point, source_code_point, 0)) {
            set_error(error, U_FAILURE(status) ? status : U_MEMORY_ALLOCATION_ERROR);
            return -1;
        }
        output_code_point += append_utf16(t, t->work16, unit_length, &status);
        if (U_FAILURE(status)) { set_error(error, status); return -1; }
        source_byte += bytes;
        source_code_point += code_points;
        position = unit_end;
    }
    if (!push_span(t, output_code_point, source_code_point, 0)) {
        set_error(error, U_MEMORY_ALLOCATION_ERROR);
        return -1;
    }
    return t->output_length;
}

int32_t cicu_transformer_fold(cicu_transformer *t, const uint8_t *text, int32_t length, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t length16 = load_source(t, text, length, &status);
    if (length16 < 0) { set_error(error, status); return -1; }
    /* Full folding grows UTF-16 text at most threefold (e.g. U+0390 -> U+03B9 U+0308 U+0301). */
    if (!reserve((void **)&t->work16, &t->work16_capacity, 3 * (int64_t)length16 + 1, sizeof(UChar))) {
        set_error(error, U_MEMORY_ALLOCATION_ERROR);
        return -1;
    }
    int32_t folded = u_strFoldCase(t->work16, t->work16_capacity, t->source16, length16, U_FOLD_CASE_DEFAULT, &status);
    if (U_FAILURE(status)) { set_error(error, status); return -1; }
    const UChar *result = t->work16;
    int32_t result_length = folded;
    if (t->normalizer) {
        int32_t yes = unorm2_spanQuickCheckYes(t->normalizer, t->work16, folded, &status);
        if (U_FAILURE(status)) { set_error(error, status); return -1; }
        if (yes < folded) {
            int32_t normalized = unorm2_normalize(t->normalizer, t->work16, folded, t->extra16, t->extra16_capacity, &status);
            if (status == U_BUFFER_OVERFLOW_ERROR) {
                status = U_ZERO_ERROR;
                if (!reserve((void **)&t->extra16, &t->extra16_capacity, normalized, sizeof(UChar))) {
                    set_error(error, U_MEMORY_ALLOCATION_ERROR);
                    return -1;
                }
                normalized = unorm2_normalize(t->normalizer, t->work16, folded, t->extra16, t->extra16_capacity, &status);
            }
            if (U_FAILURE(status)) { set_error(error, status); return -1; }
            result = t->extra16;
            result_length = normalized;
        }
    }
    t->output_length = 0;
    append_utf16(t, result, result_length, &status);
    if (U_FAILURE(status)) { set_error(error, status); return -1; }
    set_error(error, U_ZERO_ERROR);
    return t->output_length;
}
