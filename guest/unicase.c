/* unicase — str's case and character-class methods with Unicode's data.
 *
 *   unicase IN.wasm OUT.wasm
 *
 * MicroPython's str.upper/lower and isalpha/isdigit/isspace/isupper/
 * islower look at one byte at a time and know ASCII only ('ß'.upper() is
 * 'ß', 'é'.isalpha() is False). This tool adds one function per method,
 * of the type of a built-in one-argument method (i32 self) -> i32, put in
 * the function table (a new element segment after the last entry):
 *
 *     mpbox$unicase_K(self):
 *         r = env.mpbox_str_unicode(K, self)      // host/unicase.c
 *         if (r) return r
 *         return call_indirect(load(mpbox_unicase_table + 16 * (K + 1) + 8))(self)
 *
 * The host answers the method's result, or 0 when the method's original
 * function (an ASCII string with a built-in method) is to run: its table
 * index is the third word of entry K of a table the start-up code writes
 * (lib/python/_mpbox_types.py) and hands over while the image is built
 * (the internal message "unicase", core/internal.c), which is when the
 * built-in methods' function objects are pointed at these functions and
 * the other methods (title, casefold, isidentifier, ...) get function
 * objects of their own. Nothing is found in the guest: the functions are
 * table entries mpbox_unicase_first + K (an exported constant).
 * Run after guest/compat and before guest/fuel. */
#include "match.h"

#define TABLE_GLOBAL "mpbox_unicase_table"
#define KINDS 18 /* host/unicase.h: MPB_UC_KINDS */

static BinaryenExpressionRef c32(int32_t v) { return BinaryenConst(mod, BinaryenLiteralInt32(v)); }

int main(int argc, char **argv)
{
    open_guest(argc, argv, "unicase", TABLE_GLOBAL);
    const char *table_name = only_table();
    BinaryenTableRef table = BinaryenGetTableByIndex(mod, 0);
    BinaryenIndex first = BinaryenTableGetInitial(table);
    if (BinaryenTableHasMax(table) && BinaryenTableGetMax(table) != first)
        mismatch("%s", "the function table may grow");
    for (BinaryenIndex i = 0; i < BinaryenGetNumElementSegments(mod); i++) {
        BinaryenElementSegmentRef seg = BinaryenGetElementSegmentByIndex(mod, i);
        int32_t off;
        if (BinaryenElementSegmentIsPassive(seg) || !is_const(BinaryenElementSegmentGetOffset(seg), &off) ||
            (uint64_t)(uint32_t)off + BinaryenElementSegmentGetLength(seg) > first)
            mismatch("%s", "an element segment is not a constant part of the table");
    }

    const BinaryenType I = BinaryenTypeInt32();
    add_exported_global(TABLE_GLOBAL);
    add_import("mpbox$str_unicode", "mpbox_str_unicode", 2, 1);

    const char *names[KINDS];
    static char name_buf[KINDS][40];
    for (int k = 0; k < KINDS; k++) {
        snprintf(name_buf[k], sizeof name_buf[k], "mpbox$unicase_%d", k);
        names[k] = name_buf[k];
        BinaryenExpressionRef a[2] = {c32(k), lget(0)};
        BinaryenExpressionRef orig = BinaryenLoad(mod, 4, false, (uint32_t)(16 * (k + 1) + 8), 4, I,
                                                  BinaryenGlobalGet(mod, TABLE_GLOBAL, I));
        BinaryenExpressionRef self[1] = {lget(0)};
        BinaryenExpressionRef body[3] = {
            BinaryenLocalSet(mod, 1, call("mpbox$str_unicode", a, 2, I)),
            BinaryenIf(mod, lget(1), BinaryenReturn(mod, lget(1)), NULL),
            BinaryenCallIndirect(mod, table_name, orig, self, 1, I, I),
        };
        BinaryenType vars[1] = {I};
        BinaryenAddFunction(mod, names[k], I, I, vars, 1, BinaryenBlock(mod, NULL, body, 3, I));
    }
    export_const("mpbox_unicase_first", (int32_t)first);
    BinaryenAddActiveElementSegment(mod, table_name, "mpbox$unicase", names, KINDS, c32((int32_t)first));
    BinaryenTableSetInitial(table, first + KINDS);
    if (BinaryenTableHasMax(table)) BinaryenTableSetMax(table, first + KINDS);

    write_module(mod, argv[1], argv[2]);
    BinaryenModuleDispose(mod);
    fprintf(stderr, "%s: %s -> %s: %d str methods at table entries %u..%u\n", prog, argv[1], argv[2], KINDS, first,
            first + KINDS - 1);
    return 0;
}
