/*
 * Packed character properties for table-driven segmentation in Swift: the word-break class as ICU
 * 72's word rules (icu4c/source/data/brkitr/rules/word.txt) use it, plus White_Space, punctuation,
 * decimal digit, normalisation quick-check values and case folding, and canonical combining classes. See CICU.h for the bit layout.
 */
#include "CICU.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>

static uint16_t word_break_class(UChar32 c) {
    if (c >= 0xD800 && c <= 0xDFFF) return CICU_WB_COMPLEX;
    /* Dictionary and CJK characters: ICU segments them with its own rules and dictionaries. */
    if (c >= 0xAC00 && c <= 0xD7A3) return CICU_WB_COMPLEX;
    if (u_getIntPropertyValue(c, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT) return CICU_WB_COMPLEX;
    if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) return CICU_WB_COMPLEX;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &status);
    if (U_SUCCESS(status) && (script == USCRIPT_HAN || script == USCRIPT_HIRAGANA)) return CICU_WB_COMPLEX;
    /* ICU 72's word.txt: $ALetter = [\p{Word_Break = ALetter} @]. */
    if (c == '@') return CICU_WB_ALETTER;
    switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
    case U_WB_OTHER: return CICU_WB_OTHER;
    case U_WB_CR: return CICU_WB_CR;
    case U_WB_LF: return CICU_WB_LF;
    case U_WB_NEWLINE: return CICU_WB_NEWLINE;
    case U_WB_ALETTER: return CICU_WB_ALETTER;
    case U_WB_NUMERIC: return CICU_WB_NUMERIC;
    case U_WB_MIDLETTER:
        /* ICU 72's word.txt: $MidLetter = [\p{Word_Break = MidLetter} - [\: \uFE55 \uFF1A]]. */
        return (c == ':' || c == 0xFE55 || c == 0xFF1A) ? CICU_WB_OTHER : CICU_WB_MIDLETTER;
    case U_WB_MIDNUM: return CICU_WB_MIDNUM;
    case U_WB_MIDNUMLET: return CICU_WB_MIDNUMLET;
    case U_WB_EXTENDNUMLET: return CICU_WB_EXTENDNUMLET;
    case U_WB_WSEGSPACE: return CICU_WB_WSEGSPACE;
    case U_WB_HEBREW_LETTER: return CICU_WB_HEBREW_LETTER;
    case U_WB_SINGLE_QUOTE: return CICU_WB_SINGLE_QUOTE;
    case U_WB_DOUBLE_QUOTE: return CICU_WB_DOUBLE_QUOTE;
    case U_WB_EXTEND: return CICU_WB_EXTEND_FORMAT;
    case U_WB_FORMAT: return CICU_WB_EXTEND_FORMAT;
    default: return CICU_WB_COMPLEX;
    }
}

uint16_t cicu_character_properties(int32_t c) {
    uint16_t properties = word_break_class(c);
    if (u_isUWhiteSpace(c)) properties |= CICU_FLAG_WHITE_SPACE;
    if (U_GET_GC_MASK(c) & U_GC_P_MASK) properties |= CICU_FLAG_PUNCTUATION;
    if (u_charType(c) == U_DECIMAL_DIGIT_NUMBER) properties |= CICU_FLAG_DIGIT;
    if (u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES) properties |= CICU_FLAG_NFC_YES;
    if (u_getIntPropertyValue(c, UCHAR_NFKC_QUICK_CHECK) == UNORM_YES) properties |= CICU_FLAG_NFKC_YES;
    if (u_hasBinaryProperty(c, UCHAR_CHANGES_WHEN_CASEFOLDED)) properties |= CICU_FLAG_FOLDS;
    return properties;
}

void cicu_fill_character_properties(uint16_t *table, int32_t count) {
    if (count > 0x110000) count = 0x110000;
    for (int32_t c = 0; c < count; c++) table[c] = cicu_character_properties(c);
}

uint8_t cicu_combining_class(int32_t c) {
    return u_getCombiningClass(c);
}

void cicu_fill_combining_classes(uint8_t *table, int32_t count) {
    if (count > 0x110000) count = 0x110000;
    for (int32_t c = 0; c < count; c++) table[c] = u_getCombiningClass(c);
}
