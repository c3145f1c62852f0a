/*
 * CICU: the one place where nlpipe talks to ICU (Debian's libicu, linked as icuuc/icui18n).
 *
 * Why a header of its own: Foundation on Linux carries its own ICU with the same C type names, so a
 * Swift module that sees ICU's headers next to Foundation does not compile. ICU's headers are
 * therefore included only by this target's .c files; this header declares a small API with plain C
 * types: opaque handles, UTF-8 byte buffers, int32_t offsets. All text crossing it is UTF-8 and all
 * offsets are UTF-8 byte offsets unless a name says "code point".
 *
 * Errors: functions that can fail take an `int32_t *error` that they set to ICU's UErrorCode value
 * (0 on success, positive on failure; ICU's negative warning codes are reported as 0).
 *
 * Handles are not thread-safe: use one per thread. Buffers returned by a handle stay valid until the
 * next call on the same handle.
 */
#ifndef CICU_H
#define CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------
 * Segmentation: one reused ICU break iterator over UTF-8 text (utext_openUTF8 + ubrk_setUText).
 */

/** Break iterator kinds (ICU's UBreakIteratorType values). */
#define CICU_BREAK_CHARACTER 0
#define CICU_BREAK_WORD 1
#define CICU_BREAK_SENTENCE 3

typedef struct cicu_segmenter cicu_segmenter;

/** Opens a break iterator of `kind` for `locale` ("" or "root" for the root rules). NULL on failure. */
cicu_segmenter *cicu_segmenter_open(int32_t kind, const char *locale, int32_t *error);

/** Closes a segmenter; NULL is allowed. */
void cicu_segmenter_close(cicu_segmenter *segmenter);

/** 1 when the iterator's rules are ICU's root rules (the locale tailors nothing), else 0. */
int32_t cicu_segmenter_uses_root_rules(const cicu_segmenter *segmenter);

/**
 * Segments `length` bytes of valid UTF-8 and writes every boundary, from 0 to `length` inclusive, to
 * `boundaries`, which must hold `length + 1` entries. When `statuses` is not NULL, it receives the
 * rule status of the segment ending at each boundary (ICU's ubrk_getRuleStatus; 0 for the first).
 * Returns the number of boundaries written (0 on error). O(length) apart from dictionary engines.
 */
int32_t cicu_segmenter_run(cicu_segmenter *segmenter, const uint8_t *text, int32_t length,
                           int32_t *boundaries, int32_t *statuses, int32_t *error);

/* ---------------------------------------------------------------------------------------------
 * Normalisation and case folding of UTF-8 text, with a map back to the source.
 */

/** Normalisation forms. */
#define CICU_NORMALIZE_NONE 0
#define CICU_NORMALIZE_NFC 1
#define CICU_NORMALIZE_NFKC 2

/**
 * One span of a normalised text, as produced by `cicu_transformer_normalize`. Spans tile the
 * output in order; the last entry is a terminator whose output offsets are the output's length and
 * whose source offset is the source's length in code points.
 *
 * An identity span copies the source unchanged, so offsets inside it map one to one. A non-identity
 * span is one normalisation unit (a starter and the characters that combine or reorder with it,
 * between two normalisation boundaries); inside it only its ends correspond to the source.
 */
typedef struct {
    int32_t output_byte;        /* where the span starts in the output, in UTF-8 bytes */
    int32_t output_code_point;  /* the same position counted in code points */
    int32_t source_code_point;  /* where the span's source starts, in code points of the source */
    int32_t identity;           /* 1 if the span is a verbatim copy of its source */
} cicu_norm_span;

typedef struct cicu_transformer cicu_transformer;

/** Opens a transformer for a normalisation form (CICU_NORMALIZE_*). NULL on failure. */
cicu_transformer *cicu_transformer_open(int32_t form, int32_t *error);

/** Closes a transformer; NULL is allowed. */
void cicu_transformer_close(cicu_transformer *transformer);

/**
 * Normalises `length` bytes of valid UTF-8 to the transformer's form. Returns -1 when the text is
 * already normalised (nothing is written; use the source), else the output's length in bytes, with
 * the output at `cicu_transformer_output`. Also -1 on error, with `*error` set.
 * With `with_spans` set, the spans that map the output back are at `cicu_transformer_spans`: the
 * text is then cut at normalisation boundaries (unorm2_hasBoundaryBefore) and each unit normalised
 * on its own, which equals normalising the whole (UAX #15, section 9); without, the text is
 * normalised in one call and no spans are made.
 */
int32_t cicu_transformer_normalize(cicu_transformer *transformer, const uint8_t *text, int32_t length,
                                   int32_t with_spans, int32_t *error);

/**
 * Applies full Unicode case folding (u_strFoldCase, U_FOLD_CASE_DEFAULT: ß -> ss) to `length` bytes
 * of valid UTF-8, then normalises the result to the transformer's form again (folding can
 * denormalise). Returns the output's length in bytes (output at `cicu_transformer_output`), or -1 on
 * error with `*error` set.
 */
int32_t cicu_transformer_fold(cicu_transformer *transformer, const uint8_t *text, int32_t length,
                              int32_t *error);

/** The bytes written by the last `cicu_transformer_normalize` or `cicu_transformer_fold`. */
const uint8_t *cicu_transformer_output(const cicu_transformer *transformer);

/** The spans of the last normalisation with output (see cicu_norm_span); `*count` includes the terminator. */
const cicu_norm_span *cicu_transformer_spans(const cicu_transformer *transformer, int32_t *count);

/* ---------------------------------------------------------------------------------------------
 * Character properties, packed into 16 bits per code point for table-driven Swift code.
 */

/** Bits 0-3: the character's word-break class as ICU 72's word rules (word.txt) use it. */
#define CICU_WB_OTHER 0          /* no joining role (also Extended_Pictographic) */
#define CICU_WB_CR 1
#define CICU_WB_LF 2
#define CICU_WB_NEWLINE 3
#define CICU_WB_WSEGSPACE 4
#define CICU_WB_MIDLETTER 5      /* MidLetter minus ':' U+FE55 U+FF1A, as ICU tailors it */
#define CICU_WB_MIDNUM 6
#define CICU_WB_MIDNUMLET 7
#define CICU_WB_ALETTER 8        /* ALetter, plus '@' as ICU 72 tailors it, minus dictionary scripts */
#define CICU_WB_NUMERIC 9
#define CICU_WB_EXTENDNUMLET 10
#define CICU_WB_HEBREW_LETTER 11
#define CICU_WB_SINGLE_QUOTE 12
#define CICU_WB_DOUBLE_QUOTE 13
#define CICU_WB_EXTEND_FORMAT 14 /* Extend or Format (not ZWJ) */
#define CICU_WB_COMPLEX 15       /* anything the Swift rules leave to ICU: ZWJ, Regional_Indicator,
                                    Katakana, Hiragana, Han, Hangul syllables, dictionary scripts
                                    (Line_Break = Complex_Context), surrogates */
#define CICU_WB_MASK 0x000F

#define CICU_FLAG_WHITE_SPACE 0x0010  /* White_Space */
#define CICU_FLAG_PUNCTUATION 0x0020  /* General_Category P* (Pc Pd Ps Pe Pi Pf Po) */
#define CICU_FLAG_DIGIT 0x0040        /* General_Category Nd (decimal digit) */
#define CICU_FLAG_NFC_YES 0x0080      /* NFC_Quick_Check = Yes */
#define CICU_FLAG_NFKC_YES 0x0100     /* NFKC_Quick_Check = Yes */
#define CICU_FLAG_FOLDS 0x0200        /* Changes_When_Casefolded */

/** The packed properties of one code point (0 ... 0x10FFFF). */
uint16_t cicu_character_properties(int32_t code_point);

/** Fills `table[c]` with `cicu_character_properties(c)` for every c in 0 ..< `count` (at most 0x110000). */
void cicu_fill_character_properties(uint16_t *table, int32_t count);

/** The canonical combining class of a code point (u_getCombiningClass). */
uint8_t cicu_combining_class(int32_t code_point);

/** Fills `table[c]` with `cicu_combining_class(c)` for every c in 0 ..< `count` (at most 0x110000). */
void cicu_fill_combining_classes(uint8_t *table, int32_t count);

#ifdef __cplusplus
}
#endif

#endif /* CICU_H */
