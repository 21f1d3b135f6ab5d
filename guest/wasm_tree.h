/* wasm_tree.h — what guest/fuel and guest/speed share: reading and writing a
 * module with Binaryen's C API, and walking expressions (the operands of
 * every expression kind these tools understand).
 *
 * Header-only on purpose: each tool is one C file that includes it once,
 * and sets `prog` (for messages) before anything else. */
#ifndef MPBOX_WASM_TREE_H
#define MPBOX_WASM_TREE_H

#include <binaryen-c.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *prog;

static void die(const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", prog);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fprintf(stderr, "%s: out of memory\n", prog);
        exit(1);
    }
    return p;
}

/* Adds function `name` with f's params, results and locals and the given
 * body: f's own body to move it (f then gets a new one), or a copy. */
static inline BinaryenFunctionRef add_function_like(BinaryenModuleRef m, BinaryenFunctionRef f, const char *name,
                                                    BinaryenExpressionRef body)
{
    BinaryenIndex nv = BinaryenFunctionGetNumVars(f);
    BinaryenType *vars = xrealloc(NULL, nv * sizeof *vars);
    for (BinaryenIndex k = 0; k < nv; k++) vars[k] = BinaryenFunctionGetVar(f, k);
    BinaryenFunctionRef r =
        BinaryenAddFunction(m, name, BinaryenFunctionGetParams(f), BinaryenFunctionGetResults(f), vars, nv, body);
    free(vars);
    return r;
}

/* Replaces function `f` by one of the same name (calls and the table refer
 * to it by name), params and results with these locals and body: the C API
 * cannot add a local to a function. Returns the new function. */
static inline BinaryenFunctionRef replace_function(BinaryenModuleRef m, BinaryenFunctionRef f, const BinaryenType *locals,
                                                   BinaryenIndex nlocals, BinaryenExpressionRef body)
{
    const char *old = BinaryenFunctionGetName(f);
    size_t len = strlen(old) + 1;
    char *name = memcpy(xrealloc(NULL, len), old, len); /* removal frees `old` */
    BinaryenType params = BinaryenFunctionGetParams(f), results = BinaryenFunctionGetResults(f);
    BinaryenRemoveFunction(m, name);
    BinaryenFunctionRef r = BinaryenAddFunction(m, name, params, results, (BinaryenType *)locals, nlocals, body);
    free(name);
    return r;
}

/* replace_function keeping f's locals and adding `extra` of type `t` after
 * them. The first new local is numbered params + old locals. */
static inline BinaryenFunctionRef replace_adding_locals(BinaryenModuleRef m, BinaryenFunctionRef f, BinaryenIndex extra,
                                                        BinaryenType t, BinaryenExpressionRef body)
{
    BinaryenIndex nv = BinaryenFunctionGetNumVars(f);
    BinaryenType *vars = xrealloc(NULL, (nv + extra) * sizeof *vars);
    for (BinaryenIndex k = 0; k < nv; k++) vars[k] = BinaryenFunctionGetVar(f, k);
    for (BinaryenIndex k = 0; k < extra; k++) vars[nv + k] = t;
    BinaryenFunctionRef r = replace_function(m, f, vars, nv + extra, body);
    free(vars);
    return r;
}


/* ---- expression ids, fetched once ---------------------------------- */

static BinaryenExpressionId ID_NOP, ID_BLOCK, ID_IF, ID_LOOP, ID_BREAK, ID_SWITCH, ID_CALL,
    ID_CALL_INDIRECT, ID_LOCAL_GET, ID_LOCAL_SET, ID_GLOBAL_GET, ID_GLOBAL_SET, ID_LOAD, ID_STORE,
    ID_MEMORY_INIT, ID_DATA_DROP, ID_MEMORY_COPY, ID_MEMORY_FILL, ID_CONST, ID_UNARY, ID_BINARY,
    ID_SELECT, ID_DROP, ID_RETURN, ID_MEMORY_SIZE, ID_MEMORY_GROW, ID_UNREACHABLE, ID_POP,
    ID_REF_NULL, ID_REF_IS, ID_REF_FUNC, ID_REF_EQ, ID_TABLE_GET, ID_TABLE_SET, ID_TABLE_SIZE,
    ID_TABLE_GROW, ID_TUPLE_MAKE, ID_TUPLE_EXTRACT;

static void init_ids(void)
{
    ID_NOP = BinaryenNopId();
    ID_BLOCK = BinaryenBlockId();
    ID_IF = BinaryenIfId();
    ID_LOOP = BinaryenLoopId();
    ID_BREAK = BinaryenBreakId();
    ID_SWITCH = BinaryenSwitchId();
    ID_CALL = BinaryenCallId();
    ID_CALL_INDIRECT = BinaryenCallIndirectId();
    ID_LOCAL_GET = BinaryenLocalGetId();
    ID_LOCAL_SET = BinaryenLocalSetId();
    ID_GLOBAL_GET = BinaryenGlobalGetId();
    ID_GLOBAL_SET = BinaryenGlobalSetId();
    ID_LOAD = BinaryenLoadId();
    ID_STORE = BinaryenStoreId();
    ID_MEMORY_INIT = BinaryenMemoryInitId();
    ID_DATA_DROP = BinaryenDataDropId();
    ID_MEMORY_COPY = BinaryenMemoryCopyId();
    ID_MEMORY_FILL = BinaryenMemoryFillId();
    ID_CONST = BinaryenConstId();
    ID_UNARY = BinaryenUnaryId();
    ID_BINARY = BinaryenBinaryId();
    ID_SELECT = BinaryenSelectId();
    ID_DROP = BinaryenDropId();
    ID_RETURN = BinaryenReturnId();
    ID_MEMORY_SIZE = BinaryenMemorySizeId();
    ID_MEMORY_GROW = BinaryenMemoryGrowId();
    ID_UNREACHABLE = BinaryenUnreachableId();
    ID_POP = BinaryenPopId();
    ID_REF_NULL = BinaryenRefNullId();
    ID_REF_IS = BinaryenRefIsId();
    ID_REF_FUNC = BinaryenRefFuncId();
    ID_REF_EQ = BinaryenRefEqId();
    ID_TABLE_GET = BinaryenTableGetId();
    ID_TABLE_SET = BinaryenTableSetId();
    ID_TABLE_SIZE = BinaryenTableSizeId();
    ID_TABLE_GROW = BinaryenTableGrowId();
    ID_TUPLE_MAKE = BinaryenTupleMakeId();
    ID_TUPLE_EXTRACT = BinaryenTupleExtractId();
}

/* The operands of expression `e`, in evaluation order, for every kind of
 * expression this tool understands (MVP, sign-ext, saturating conversions,
 * bulk memory, reference types, multi-value). Anything else (atomics, SIMD,
 * exceptions, GC) is refused: a check could be placed wrongly around
 * control flow we do not model. Returns the number of operands; child(e, i)
 * returns the i-th. */
static BinaryenIndex nchildren(BinaryenExpressionRef e)
{
    BinaryenExpressionId id = BinaryenExpressionGetId(e);
    if (id == ID_BLOCK) return BinaryenBlockGetNumChildren(e);
    if (id == ID_IF) return BinaryenIfGetIfFalse(e) ? 3 : 2;
    if (id == ID_LOOP) return 1;
    if (id == ID_BREAK) return (BinaryenBreakGetValue(e) != NULL) + (BinaryenBreakGetCondition(e) != NULL);
    if (id == ID_SWITCH) return 1 + (BinaryenSwitchGetValue(e) != NULL);
    if (id == ID_CALL) {
        if (BinaryenCallIsReturn(e)) die("%s", "return_call is not supported");
        return BinaryenCallGetNumOperands(e);
    }
    if (id == ID_CALL_INDIRECT) {
        if (BinaryenCallIndirectIsReturn(e)) die("%s", "return_call_indirect is not supported");
        return BinaryenCallIndirectGetNumOperands(e) + 1;
    }
    if (id == ID_LOCAL_SET || id == ID_GLOBAL_SET || id == ID_LOAD || id == ID_UNARY || id == ID_DROP ||
        id == ID_MEMORY_GROW || id == ID_REF_IS || id == ID_TABLE_GET || id == ID_TUPLE_EXTRACT)
        return 1;
    if (id == ID_STORE || id == ID_BINARY || id == ID_REF_EQ || id == ID_TABLE_SET || id == ID_TABLE_GROW)
        return 2;
    if (id == ID_SELECT || id == ID_MEMORY_INIT || id == ID_MEMORY_COPY || id == ID_MEMORY_FILL) return 3;
    if (id == ID_RETURN) return BinaryenReturnGetValue(e) != NULL;
    if (id == ID_TUPLE_MAKE) return BinaryenTupleMakeGetNumOperands(e);
    if (id == ID_NOP || id == ID_LOCAL_GET || id == ID_GLOBAL_GET || id == ID_CONST || id == ID_MEMORY_SIZE ||
        id == ID_UNREACHABLE || id == ID_POP || id == ID_REF_NULL || id == ID_REF_FUNC || id == ID_DATA_DROP ||
        id == ID_TABLE_SIZE)
        return 0;
    fprintf(stderr, "%s: unsupported expression (id %u) in the module\n", prog, (unsigned)id);
    exit(1);
}

static BinaryenExpressionRef child(BinaryenExpressionRef e, BinaryenIndex i)
{
    BinaryenExpressionId id = BinaryenExpressionGetId(e);
    if (id == ID_BLOCK) return BinaryenBlockGetChildAt(e, i);
    if (id == ID_IF)
        return i == 0 ? BinaryenIfGetCondition(e) : i == 1 ? BinaryenIfGetIfTrue(e) : BinaryenIfGetIfFalse(e);
    if (id == ID_LOOP) return BinaryenLoopGetBody(e);
    if (id == ID_BREAK) {
        BinaryenExpressionRef v = BinaryenBreakGetValue(e);
        return (i == 0 && v) ? v : BinaryenBreakGetCondition(e);
    }
    if (id == ID_SWITCH) {
        BinaryenExpressionRef v = BinaryenSwitchGetValue(e);
        return (i == 0 && v) ? v : BinaryenSwitchGetCondition(e);
    }
    if (id == ID_CALL) return BinaryenCallGetOperandAt(e, i);
    if (id == ID_CALL_INDIRECT) {
        BinaryenIndex n = BinaryenCallIndirectGetNumOperands(e);
        return i < n ? BinaryenCallIndirectGetOperandAt(e, i) : BinaryenCallIndirectGetTarget(e);
    }
    if (id == ID_LOCAL_SET) return BinaryenLocalSetGetValue(e);
    if (id == ID_GLOBAL_SET) return BinaryenGlobalSetGetValue(e);
    if (id == ID_LOAD) return BinaryenLoadGetPtr(e);
    if (id == ID_UNARY) return BinaryenUnaryGetValue(e);
    if (id == ID_DROP) return BinaryenDropGetValue(e);
    if (id == ID_MEMORY_GROW) return BinaryenMemoryGrowGetDelta(e);
    if (id == ID_REF_IS) return BinaryenRefIsGetValue(e);
    if (id == ID_TABLE_GET) return BinaryenTableGetGetIndex(e);
    if (id == ID_TUPLE_EXTRACT) return BinaryenTupleExtractGetTuple(e);
    if (id == ID_STORE) return i == 0 ? BinaryenStoreGetPtr(e) : BinaryenStoreGetValue(e);
    if (id == ID_BINARY) return i == 0 ? BinaryenBinaryGetLeft(e) : BinaryenBinaryGetRight(e);
    if (id == ID_REF_EQ) return i == 0 ? BinaryenRefEqGetLeft(e) : BinaryenRefEqGetRight(e);
    if (id == ID_TABLE_SET) return i == 0 ? BinaryenTableSetGetIndex(e) : BinaryenTableSetGetValue(e);
    if (id == ID_TABLE_GROW) return i == 0 ? BinaryenTableGrowGetValue(e) : BinaryenTableGrowGetDelta(e);
    if (id == ID_SELECT)
        return i == 0 ? BinaryenSelectGetIfTrue(e) : i == 1 ? BinaryenSelectGetIfFalse(e) : BinaryenSelectGetCondition(e);
    if (id == ID_MEMORY_INIT)
        return i == 0 ? BinaryenMemoryInitGetDest(e) : i == 1 ? BinaryenMemoryInitGetOffset(e) : BinaryenMemoryInitGetSize(e);
    if (id == ID_MEMORY_COPY)
        return i == 0 ? BinaryenMemoryCopyGetDest(e) : i == 1 ? BinaryenMemoryCopyGetSource(e) : BinaryenMemoryCopyGetSize(e);
    if (id == ID_MEMORY_FILL)
        return i == 0 ? BinaryenMemoryFillGetDest(e) : i == 1 ? BinaryenMemoryFillGetValue(e) : BinaryenMemoryFillGetSize(e);
    if (id == ID_RETURN) return BinaryenReturnGetValue(e);
    if (id == ID_TUPLE_MAKE) return BinaryenTupleMakeGetOperandAt(e, i);
    die("%s", "internal error: child() of a leaf expression");
    return NULL;
}

/* Replaces the i-th operand of `e` (numbered as child() numbers them). */
static inline void set_child(BinaryenExpressionRef e, BinaryenIndex i, BinaryenExpressionRef c)
{
    BinaryenExpressionId id = BinaryenExpressionGetId(e);
    if (id == ID_BLOCK) BinaryenBlockSetChildAt(e, i, c);
    else if (id == ID_IF) i == 0 ? BinaryenIfSetCondition(e, c) : i == 1 ? BinaryenIfSetIfTrue(e, c) : BinaryenIfSetIfFalse(e, c);
    else if (id == ID_LOOP) BinaryenLoopSetBody(e, c);
    else if (id == ID_BREAK) (i == 0 && BinaryenBreakGetValue(e)) ? BinaryenBreakSetValue(e, c) : BinaryenBreakSetCondition(e, c);
    else if (id == ID_SWITCH) (i == 0 && BinaryenSwitchGetValue(e)) ? BinaryenSwitchSetValue(e, c) : BinaryenSwitchSetCondition(e, c);
    else if (id == ID_CALL) BinaryenCallSetOperandAt(e, i, c);
    else if (id == ID_CALL_INDIRECT) {
        if (i < BinaryenCallIndirectGetNumOperands(e)) BinaryenCallIndirectSetOperandAt(e, i, c);
        else BinaryenCallIndirectSetTarget(e, c);
    } else if (id == ID_LOCAL_SET) BinaryenLocalSetSetValue(e, c);
    else if (id == ID_GLOBAL_SET) BinaryenGlobalSetSetValue(e, c);
    else if (id == ID_LOAD) BinaryenLoadSetPtr(e, c);
    else if (id == ID_UNARY) BinaryenUnarySetValue(e, c);
    else if (id == ID_DROP) BinaryenDropSetValue(e, c);
    else if (id == ID_MEMORY_GROW) BinaryenMemoryGrowSetDelta(e, c);
    else if (id == ID_REF_IS) BinaryenRefIsSetValue(e, c);
    else if (id == ID_TABLE_GET) BinaryenTableGetSetIndex(e, c);
    else if (id == ID_TUPLE_EXTRACT) BinaryenTupleExtractSetTuple(e, c);
    else if (id == ID_STORE) i == 0 ? BinaryenStoreSetPtr(e, c) : BinaryenStoreSetValue(e, c);
    else if (id == ID_BINARY) i == 0 ? BinaryenBinarySetLeft(e, c) : BinaryenBinarySetRight(e, c);
    else if (id == ID_REF_EQ) i == 0 ? BinaryenRefEqSetLeft(e, c) : BinaryenRefEqSetRight(e, c);
    else if (id == ID_TABLE_SET) i == 0 ? BinaryenTableSetSetIndex(e, c) : BinaryenTableSetSetValue(e, c);
    else if (id == ID_TABLE_GROW) i == 0 ? BinaryenTableGrowSetValue(e, c) : BinaryenTableGrowSetDelta(e, c);
    else if (id == ID_SELECT)
        i == 0 ? BinaryenSelectSetIfTrue(e, c) : i == 1 ? BinaryenSelectSetIfFalse(e, c) : BinaryenSelectSetCondition(e, c);
    else if (id == ID_MEMORY_INIT)
        i == 0 ? BinaryenMemoryInitSetDest(e, c) : i == 1 ? BinaryenMemoryInitSetOffset(e, c) : BinaryenMemoryInitSetSize(e, c);
    else if (id == ID_MEMORY_COPY)
        i == 0 ? BinaryenMemoryCopySetDest(e, c) : i == 1 ? BinaryenMemoryCopySetSource(e, c) : BinaryenMemoryCopySetSize(e, c);
    else if (id == ID_MEMORY_FILL)
        i == 0 ? BinaryenMemoryFillSetDest(e, c) : i == 1 ? BinaryenMemoryFillSetValue(e, c) : BinaryenMemoryFillSetSize(e, c);
    else if (id == ID_RETURN) BinaryenReturnSetValue(e, c);
    else if (id == ID_TUPLE_MAKE) BinaryenTupleMakeSetOperandAt(e, i, c);
    else die("%s", "internal error: set_child() of a leaf expression");
}


static char *read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) die("cannot open %s", path);
    size_t cap = 1 << 20, n = 0;
    char *buf = xrealloc(NULL, cap);
    for (;;) {
        size_t r = fread(buf + n, 1, cap - n, fp);
        n += r;
        if (n < cap) break;
        cap *= 2;
        buf = xrealloc(buf, cap);
    }
    if (ferror(fp)) die("cannot read %s", path);
    fclose(fp);
    *len = n;
    return buf;
}

/* Reads IN.wasm and validates it. The reader enables what the
 * target_features section lists; add the features wasm2c 1.0.32 accepts by
 * default, so that a module without that section still validates. */
static BinaryenModuleRef read_module(const char *in)
{
    size_t len;
    char *bytes = read_file(in, &len);
    BinaryenModuleRef m = BinaryenModuleRead(bytes, len);
    free(bytes);
    if (!m) die("cannot parse %s", in);
    BinaryenModuleSetFeatures(m, BinaryenModuleGetFeatures(m) | BinaryenFeatureMutableGlobals() |
                                     BinaryenFeatureNontrappingFPToInt() | BinaryenFeatureSignExt() |
                                     BinaryenFeatureBulkMemory() | BinaryenFeatureMultivalue() |
                                     BinaryenFeatureReferenceTypes());
    if (!BinaryenModuleValidate(m)) die("%s does not validate before the rewrite", in);
    return m;
}

/* Validates the rewritten module and writes it to OUT.wasm (fails loudly). */
static void write_module(BinaryenModuleRef m, const char *in, const char *out)
{
    if (!BinaryenModuleValidate(m)) die("rewritten module does not validate (from %s)", in);
    BinaryenModuleAllocateAndWriteResult res = BinaryenModuleAllocateAndWrite(m, NULL);
    FILE *fp = fopen(out, "wb");
    if (!fp) die("cannot create %s", out);
    if (fwrite(res.binary, 1, res.binaryBytes, fp) != res.binaryBytes || fclose(fp) != 0) {
        remove(out);
        die("cannot write %s", out);
    }
    free(res.binary);
    if (res.sourceMap) free(res.sourceMap);
}

#endif
