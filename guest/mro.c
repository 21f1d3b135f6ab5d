/* mro — attribute lookup and super() in CPython's C3 order.
 *
 *   mro IN.wasm OUT.wasm
 *
 * MicroPython's mp_obj_class_lookup(lookup, type) searches a class, then
 * its bases depth-first (the parent slot holds a tuple when there are
 * several), and super_attr searches the bases of the class super() was
 * called in. CPython searches type(obj).__mro__, the C3 linearisation, and
 * super(C, obj) continues in that order after C. They differ in diamonds
 * (class D(B, C), B and C subclasses of A: C before A) and for cooperative
 * mixins (super() in a mixin reaches the next class of the instance's MRO).
 *
 * The order itself is computed once, in Python, when a class is made
 * (lib/python/_mpbox_types.py, _mro_hook): type_make_new (the body of
 * type(name, bases, dict) and of every class statement) gets a wrapper
 *
 *     r = type_make_new(...)                      // as before
 *     if (n_args == 3 && mpbox_mro_hook && (r's parent is a tuple
 *                                           || r's parent has C3_FLAG)) {
 *         hook(r)            // stores r.__mro__ in r's dict, or raises
 *         r->flags |= C3_FLAG
 *     }
 *
 * so a class with several bases, and every class below one, carries its
 * MRO (a tuple) in its own dict under the qstr __mro__ (the global
 * mpbox_mro_key) and the flag bit C3_FLAG, which MicroPython does not use.
 * Both live in guest memory: the start-up image, snapshots and rollback
 * carry them. The hook raises CPython's TypeError for bases without a
 * consistent order, and the class is not made.
 *
 * Lookups: mp_obj_class_lookup starts with
 *
 *     if (type->flags & C3_FLAG && (mro = mro_of(type))) {
 *         for t in mro (object aside): one(lookup, t); stop when found
 *         return
 *     }
 *     ... as before
 *
 * where `one` is a copy of mp_obj_class_lookup (made before that change)
 * that reads "no parent" (its one load of the parent slot index is 0): the
 * same search of one class (its dict, a native type's slots and
 * attributes), no bases. Single inheritance pays one load and one test.
 * super_attr's read of the parent slot index of its class becomes
 *
 *     mpbox$super_parent(&lookup, self, self->type):
 *         T = self->obj if it is a class, else its type
 *         if T has C3_FLAG and an MRO that holds self->type:
 *             search the classes after self->type in it (object aside)
 *             return 0                              // "no bases"
 *         return self->type's parent slot index     // as before
 *
 * and its switch on what was found reads dest[0] again (the compiler kept
 * it in a local, which the path without bases leaves 0).
 * super_attr then becomes a wrapper of its copy: a property, or an object
 * of a class defined in Python, that a load found unbound (dest[1] NULL)
 * goes to the get hook (mpbox_super_get_hook) with the object, which
 * answers fget(obj) or __get__(obj, type), as CPython's super() does.
 * super_attr searches object last, as before. mro_of(type) reads the
 * type's own dict (mp_map_lookup, as mp_obj_class_lookup does) and
 * answers the value only when it is a tuple; items that are not classes
 * are skipped, so a program that rebinds C.__mro__ gets wrong answers at
 * worst, never a wild read.
 *
 * Found structurally and verified, or the build stops:
 *   mp_obj_class_lookup  the one defined (i32, i32) -> () function that
 *                   calls itself and reads the bytes at offsets 18 and 19
 *                   of parameter 1 (the parent and locals_dict slot
 *                   indices of mp_obj_type_t); the byte at 18 is read
 *                   once. Its one call with three operands, the last the
 *                   constant 0, is mp_map_lookup(map, key, LOOKUP); the
 *                   constant compared with a word loaded at offset 0 is
 *                   &mp_type_tuple (the parent's type).
 *   super_attr      the one (i32 x3) -> () function with exactly three
 *                   calls of mp_obj_class_lookup, one of them passing a
 *                   constant type (&mp_type_object), all three the same
 *                   `local + constant` as &lookup, no store to its
 *                   parameters 0 (self) and 2 (dest), one read of a parent
 *                   slot index and one switch, on a local.
 *   type_make_new   (i32 x4) -> i32, the one user of "multiple bases have
 *                   instance lay-out conflict" (mp_obj_new_type, inlined).
 * Run after guest/numfmt (whose global mpbox_format_call it uses).
 */
#include "match.h"

#define HOOK_GLOBAL "mpbox_mro_hook"
#define KEY_GLOBAL "mpbox_mro_key"
#define GET_HOOK_GLOBAL "mpbox_super_get_hook"
#define PROPERTY_GLOBAL "mpbox_property_type"
#define SUPER_ORIG "mpbox$super_attr_orig"
#define CALL_GLOBAL "mpbox_format_call"
#define ONE_FN "mpbox$class_lookup_one"
#define SUPER_FN "mpbox$super_parent"
#define MRO_OF_FN "mpbox$mro_of"
#define WALK_FN "mpbox$mro_walk"
#define MAKE_NEW_ORIG "mpbox$type_make_new_orig"
#define LAYOUT_TEXT "multiple bases have instance lay-out conflict"
/* mp_obj_type_t (py/obj.h, MicroPython 1.27): flags (u16) at 4, the slot
 * index bytes of parent and locals_dict at 18 and 19, slots[] from 20
 * (index i, counted from 1, at 16 + 4 * i) */
#define TYPE_FLAGS 4
#define SLOT_PARENT 18
#define SLOT_LOCALS 19
#define SLOTS_BASE 16
/* MP_TYPE_FLAG_INSTANCE_TYPE: a class defined in Python */
#define TYPE_FLAG_INSTANCE 0x0200
/* a flag bit py/obj.h leaves free (its flags end at 0x0400) */
#define C3_FLAG 0x4000
/* struct class_lookup_data: dest at 12; mp_obj_super_t: type at 4, obj at 8;
 * mp_obj_tuple_t: len at 4, items from 8; mp_obj_dict_t: map at 4;
 * mp_map_elem_t: value at 4 */
#define LOOKUP_DEST 12
#define SUPER_TYPE 4
#define SUPER_OBJ 8
#define TUPLE_LEN 4
#define TUPLE_ITEMS 8
#define DICT_MAP 4
#define ELEM_VALUE 4
#define ARGS_BYTES 16

static BinaryenFunctionRef f_lookup, f_super, f_make_new;
static const char *map_lookup;          /* mp_map_lookup's name */
static int32_t tuple_type, object_type; /* &mp_type_tuple, &mp_type_object */
static BinaryenExpressionRef super_parent_read, super_lookup_ptr, super_switch;

#define I32 BinaryenTypeInt32()

static BinaryenExpressionRef c32(int32_t v) { return BinaryenConst(mod, BinaryenLiteralInt32(v)); }
static BinaryenExpressionRef ld(BinaryenExpressionRef ptr, uint32_t offset) { return BinaryenLoad(mod, 4, false, offset, 4, I32, ptr); }
static BinaryenExpressionRef ld8(BinaryenExpressionRef ptr, uint32_t offset) { return BinaryenLoad(mod, 1, false, offset, 1, I32, ptr); }
static BinaryenExpressionRef ld16(BinaryenExpressionRef ptr, uint32_t offset) { return BinaryenLoad(mod, 2, false, offset, 2, I32, ptr); }
static BinaryenExpressionRef bin(BinaryenOp op, BinaryenExpressionRef a, BinaryenExpressionRef b) { return BinaryenBinary(mod, op, a, b); }
static BinaryenExpressionRef eqz(BinaryenExpressionRef a) { return BinaryenUnary(mod, BinaryenEqZInt32(), a); }
static BinaryenExpressionRef lset(BinaryenIndex i, BinaryenExpressionRef v) { return BinaryenLocalSet(mod, i, v); }
static BinaryenExpressionRef block(BinaryenExpressionRef *xs, BinaryenIndex n) { return BinaryenBlock(mod, NULL, xs, n, BinaryenTypeAuto()); }
#define BLOCK(...) block((BinaryenExpressionRef[]){__VA_ARGS__}, sizeof((BinaryenExpressionRef[]){__VA_ARGS__}) / sizeof(BinaryenExpressionRef))

/* A load of the byte at `offset` of parameter 1. */
static int is_type_byte(BinaryenExpressionRef e, uint32_t offset)
{
    return is_id(e, ID_LOAD) && BinaryenLoadGetBytes(e) == 1 && BinaryenLoadGetOffset(e) == offset &&
           is_local(BinaryenLoadGetPtr(e), 1);
}

static void find_lookup(void)
{
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f) || !has_sig(f, 2, 0)) continue;
        collect(f);
        int self_call = 0, parent = 0, locals = 0;
        for (size_t k = 0; k < nnodes; k++) {
            BinaryenExpressionRef e = nodes[k];
            if (is_id(e, ID_CALL) && strcmp(BinaryenCallGetTarget(e), BinaryenFunctionGetName(f)) == 0) self_call = 1;
            parent += is_type_byte(e, SLOT_PARENT);
            locals += is_type_byte(e, SLOT_LOCALS);
        }
        if (self_call && parent && locals) found(&f_lookup, f, "mp_obj_class_lookup");
    }
    if (!f_lookup) mismatch("%s", "no mp_obj_class_lookup");
    collect(f_lookup);
    int parent = 0;
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        parent += is_type_byte(e, SLOT_PARENT);
        if (is_id(e, ID_CALL) && BinaryenCallGetNumOperands(e) == 3 && is_const_eq(BinaryenCallGetOperandAt(e, 2), 0)) {
            if (map_lookup && strcmp(map_lookup, BinaryenCallGetTarget(e)) != 0) mismatch("%s", "two map lookups");
            map_lookup = BinaryenCallGetTarget(e);
        }
        if (is_binary(e, BinaryenNeInt32()) || is_binary(e, BinaryenEqInt32())) {
            BinaryenExpressionRef l = BinaryenBinaryGetLeft(e);
            int32_t v;
            if (is_id(l, ID_LOAD) && BinaryenLoadGetBytes(l) == 4 && BinaryenLoadGetOffset(l) == 0 &&
                is_const(BinaryenBinaryGetRight(e), &v)) {
                if (tuple_type && tuple_type != v) mismatch("%s", "two candidates for the tuple type");
                tuple_type = v;
            }
        }
    }
    if (parent != 1) mismatch("%s", "mp_obj_class_lookup does not read the parent slot once");
    if (!map_lookup) mismatch("%s", "mp_obj_class_lookup calls no mp_map_lookup");
    if (!tuple_type) mismatch("%s", "mp_obj_class_lookup does not compare with the tuple type");
}

/* Two expressions `local.get L + constant C` with the same L and C. */
static int same_add(BinaryenExpressionRef a, BinaryenExpressionRef b)
{
    int32_t ca, cb;
    return is_binary(a, BinaryenAddInt32()) && is_binary(b, BinaryenAddInt32()) &&
           is_id(BinaryenBinaryGetLeft(a), ID_LOCAL_GET) && is_id(BinaryenBinaryGetLeft(b), ID_LOCAL_GET) &&
           BinaryenLocalGetGetIndex(BinaryenBinaryGetLeft(a)) == BinaryenLocalGetGetIndex(BinaryenBinaryGetLeft(b)) &&
           is_const(BinaryenBinaryGetRight(a), &ca) && is_const(BinaryenBinaryGetRight(b), &cb) && ca == cb;
}

static void find_super(void)
{
    const char *lookup = BinaryenFunctionGetName(f_lookup);
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f) || !has_sig(f, 3, 0)) continue;
        collect(f);
        size_t n = 0, n_const = 0, stores = 0;
        BinaryenExpressionRef calls[3] = {0};
        int32_t v = 0;
        for (size_t k = 0; k < nnodes; k++) {
            BinaryenExpressionRef e = nodes[k];
            if (is_id(e, ID_LOCAL_SET) && (BinaryenLocalSetGetIndex(e) == 0 || BinaryenLocalSetGetIndex(e) == 2)) stores++;
            if (!is_id(e, ID_CALL) || strcmp(BinaryenCallGetTarget(e), lookup) != 0) continue;
            if (n < 3) calls[n] = e;
            n++;
            if (is_const(BinaryenCallGetOperandAt(e, 1), &v)) n_const++, object_type = v;
        }
        if (n == 3 && n_const == 1 && !stores) {
            found(&f_super, f, "super_attr");
            super_lookup_ptr = BinaryenCallGetOperandAt(calls[0], 0);
            for (int c = 1; c < 3; c++)
                if (!same_add(super_lookup_ptr, BinaryenCallGetOperandAt(calls[c], 0)))
                    mismatch("%s", "super_attr's lookups do not share one struct");
        }
    }
    if (!f_super) mismatch("%s", "no super_attr");
    /* &lookup: the frame pointer plus a constant, in each of the three calls */
    if (!is_binary(super_lookup_ptr, BinaryenAddInt32()) || !is_id(BinaryenBinaryGetLeft(super_lookup_ptr), ID_LOCAL_GET) ||
        !is_const(BinaryenBinaryGetRight(super_lookup_ptr), NULL))
        mismatch("%s", "super_attr's lookup is not at a constant offset of a local");
    /* the one read of a parent slot index: that of self->type */
    collect(f_super);
    size_t n = 0;
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (is_id(e, ID_LOAD) && BinaryenLoadGetBytes(e) == 1 && BinaryenLoadGetOffset(e) == SLOT_PARENT &&
            is_id(BinaryenLoadGetPtr(e), ID_LOCAL_GET)) {
            super_parent_read = e;
            n++;
        }
    }
    if (n != 1) mismatch("%s", "super_attr does not read a parent slot index once");
    /* the switch on what was found (nothing, the native sentinel, other) */
    n = 0;
    for (size_t k = 0; k < nnodes; k++)
        if (is_id(nodes[k], ID_SWITCH)) {
            super_switch = nodes[k];
            n++;
        }
    if (n != 1 || !is_id(BinaryenSwitchGetCondition(super_switch), ID_LOCAL_GET))
        mismatch("%s", "super_attr does not switch once on a local");
}

static void find_make_new(void)
{
    f_make_new = only_user(data_address(LAYOUT_TEXT), "type_make_new");
    if (!has_sig(f_make_new, 4, 1)) mismatch("%s", "type_make_new is not (i32 x4) -> i32");
}

/* A copy of f under `name` (same parameters, locals and body). */
static BinaryenFunctionRef copy_function(BinaryenFunctionRef f, const char *name)
{
    return add_function_like(mod, f, name, BinaryenExpressionCopy(BinaryenFunctionGetBody(f), mod));
}

/* mpbox$class_lookup_one: mp_obj_class_lookup without the walk to the
 * bases (its read of the parent slot index answers 0). */
static void add_one(void)
{
    BinaryenFunctionRef one = copy_function(f_lookup, ONE_FN);
    collect(one);
    size_t n = 0;
    for (size_t k = 0; k < nnodes; k++)
        for (BinaryenIndex c = 0; c < nchildren(nodes[k]); c++)
            if (is_type_byte(child(nodes[k], c), SLOT_PARENT)) {
                set_child(nodes[k], c, c32(0));
                n++;
            }
    if (n != 1) mismatch("%s", "the parent slot read is not found in the copy");
}

/* mpbox$mro_of(type) -> the tuple under mpbox_mro_key in type's own dict, or 0. */
static void add_mro_of(void)
{
    enum { TYPE, IDX, V };
    BinaryenExpressionRef not_ptr = bin(BinaryenOrInt32(), eqz(lget(V)), bin(BinaryenAndInt32(), lget(V), c32(3)));
    BinaryenExpressionRef args[3] = {
        bin(BinaryenAddInt32(),
            ld(bin(BinaryenAddInt32(), lget(TYPE), bin(BinaryenShlInt32(), lget(IDX), c32(2))), SLOTS_BASE), c32(DICT_MAP)),
        BinaryenGlobalGet(mod, KEY_GLOBAL, I32), c32(0)};
    BinaryenExpressionRef body = BLOCK(
        BinaryenIf(mod, eqz(BinaryenGlobalGet(mod, KEY_GLOBAL, I32)), BinaryenReturn(mod, c32(0)), NULL),
        lset(IDX, ld8(lget(TYPE), SLOT_LOCALS)),
        BinaryenIf(mod, eqz(lget(IDX)), BinaryenReturn(mod, c32(0)), NULL),
        lset(V, call(map_lookup, args, 3, I32)),
        BinaryenIf(mod, eqz(lget(V)), BinaryenReturn(mod, c32(0)), NULL),
        lset(V, ld(lget(V), ELEM_VALUE)),
        BinaryenIf(mod, not_ptr, BinaryenReturn(mod, c32(0)), NULL),
        BinaryenIf(mod, bin(BinaryenNeInt32(), ld(lget(V), 0), c32(tuple_type)), BinaryenReturn(mod, c32(0)), NULL),
        lget(V));
    BinaryenAddFunction(mod, MRO_OF_FN, i32s(1), I32, (BinaryenType[]){I32, I32}, 2, body);
}

/* mpbox$mro_walk(lookup, mro, from, meta): the classes mro[from:] one by
 * one (object and what is not a class skipped, a class being an object
 * whose type is meta, the type of classes) until one answers. */
static void add_walk(void)
{
    enum { LOOKUP, MRO, I, META, N, T };
    BinaryenExpressionRef is_class = bin(BinaryenAndInt32(),
        bin(BinaryenAndInt32(), bin(BinaryenNeInt32(), lget(T), c32(0)), eqz(bin(BinaryenAndInt32(), lget(T), c32(3)))),
        bin(BinaryenNeInt32(), lget(T), c32(object_type)));
    BinaryenExpressionRef visit = BLOCK(
        BinaryenCall(mod, ONE_FN, (BinaryenExpressionRef[]){lget(LOOKUP), lget(T)}, 2, BinaryenTypeNone()),
        BinaryenIf(mod, ld(ld(lget(LOOKUP), LOOKUP_DEST), 0), BinaryenReturn(mod, NULL), NULL));
    BinaryenExpressionRef loop_body = BLOCK(
        BinaryenBreak(mod, "done", bin(BinaryenGeUInt32(), lget(I), lget(N)), NULL),
        lset(T, ld(bin(BinaryenAddInt32(), lget(MRO), bin(BinaryenShlInt32(), lget(I), c32(2))), TUPLE_ITEMS)),
        lset(I, bin(BinaryenAddInt32(), lget(I), c32(1))),
        BinaryenIf(mod, is_class, BinaryenIf(mod, bin(BinaryenEqInt32(), ld(lget(T), 0), lget(META)), visit, NULL), NULL),
        BinaryenBreak(mod, "next", NULL, NULL));
    BinaryenExpressionRef body = BLOCK(
        lset(N, ld(lget(MRO), TUPLE_LEN)),
        BinaryenBlock(mod, "done", (BinaryenExpressionRef[]){BinaryenLoop(mod, "next", loop_body)}, 1, BinaryenTypeNone()));
    BinaryenAddFunction(mod, WALK_FN, i32s(4), BinaryenTypeNone(), (BinaryenType[]){I32, I32}, 2, body);
}

/* mp_obj_class_lookup(lookup, type) starts with the C3 walk for a class
 * that has its MRO; any other goes on as before (one load and one test). */
static void prefix_lookup(void)
{
    enum { LOOKUP, TYPE };
    BinaryenIndex mro = 2 + BinaryenFunctionGetNumVars(f_lookup);
    BinaryenExpressionRef walk_args[4] = {lget(LOOKUP), lget(mro), c32(0), ld(lget(TYPE), 0)};
    BinaryenExpressionRef c3 = BLOCK(
        lset(mro, BinaryenCall(mod, MRO_OF_FN, (BinaryenExpressionRef[]){lget(TYPE)}, 1, I32)),
        BinaryenIf(mod, lget(mro), BLOCK(BinaryenCall(mod, WALK_FN, walk_args, 4, BinaryenTypeNone()), BinaryenReturn(mod, NULL)),
                   NULL));
    BinaryenExpressionRef entry[] = {
        BinaryenIf(mod, bin(BinaryenAndInt32(), ld16(lget(TYPE), TYPE_FLAGS), c32(C3_FLAG)), c3, NULL),
        BinaryenFunctionGetBody(f_lookup)};
    if (recreate_with_locals(f_lookup, 1, BinaryenBlock(mod, NULL, entry, 2, BinaryenTypeNone())) != mro)
        mismatch("%s", "local numbering");
}

/* mpbox$super_parent(lookup, self, type) -> the parent slot index
 * super_attr goes on with: after searching the classes that follow
 * self->type (`type`) in the MRO of the object's class (or of the object,
 * a class), 0 ("no bases": super_attr then checks what was found and
 * searches object); else the type's own slot index, as before. */
static void add_super_parent(void)
{
    enum { LOOKUP, SELF, TYPE, OBJ, T, MRO, I, N };
    BinaryenExpressionRef plain = BinaryenReturn(mod, ld8(lget(TYPE), SLOT_PARENT));
#define PLAIN() BinaryenExpressionCopy(plain, mod)
    BinaryenExpressionRef walk_args[4] = {lget(LOOKUP), lget(MRO), bin(BinaryenAddInt32(), lget(I), c32(1)), ld(lget(T), 0)};
    BinaryenExpressionRef search = BLOCK(
        BinaryenBreak(mod, "miss", bin(BinaryenGeUInt32(), lget(I), lget(N)), NULL),
        BinaryenIf(mod,
                   bin(BinaryenEqInt32(),
                       ld(bin(BinaryenAddInt32(), lget(MRO), bin(BinaryenShlInt32(), lget(I), c32(2))), TUPLE_ITEMS),
                       lget(TYPE)),
                   BLOCK(BinaryenCall(mod, WALK_FN, walk_args, 4, BinaryenTypeNone()), BinaryenReturn(mod, c32(0))), NULL),
        lset(I, bin(BinaryenAddInt32(), lget(I), c32(1))),
        BinaryenBreak(mod, "find", NULL, NULL));
    BinaryenExpressionRef body = BLOCK(
        lset(OBJ, ld(lget(SELF), SUPER_OBJ)),
        BinaryenIf(mod, bin(BinaryenOrInt32(), eqz(lget(OBJ)), bin(BinaryenAndInt32(), lget(OBJ), c32(3))), PLAIN(), NULL),
        /* a class (its type is the type of super()'s class) stands for itself */
        lset(T, ld(lget(OBJ), 0)),
        BinaryenIf(mod, bin(BinaryenEqInt32(), lget(T), ld(lget(TYPE), 0)), lset(T, lget(OBJ)), NULL),
        BinaryenIf(mod, eqz(bin(BinaryenAndInt32(), ld16(lget(T), TYPE_FLAGS), c32(C3_FLAG))), PLAIN(), NULL),
        lset(MRO, BinaryenCall(mod, MRO_OF_FN, (BinaryenExpressionRef[]){lget(T)}, 1, I32)),
        BinaryenIf(mod, eqz(lget(MRO)), PLAIN(), NULL),
        lset(N, ld(lget(MRO), TUPLE_LEN)),
        lset(I, c32(0)),
        BinaryenBlock(mod, "miss", (BinaryenExpressionRef[]){BinaryenLoop(mod, "find", search)}, 1, BinaryenTypeNone()),
        plain);
#undef PLAIN
    BinaryenAddFunction(mod, SUPER_FN, i32s(3), I32, (BinaryenType[]){I32, I32, I32, I32, I32}, 5, body);
}

/* super_attr becomes a wrapper of its copy: a property, or an object of a
 * class defined in Python (which may have __get__), found by a load
 * (dest[0] NULL at entry) and not bound to the object (dest[1] NULL) is
 * handed to the get hook with the object: the hook answers what CPython's
 * super() answers (fget(obj), __get__(obj, type)). */
static void wrap_super(const char *sp, const char *table, const char *call_global)
{
    copy_function(f_super, SUPER_ORIG);
    enum { SELF, ATTR, DEST, LOAD, V, T, HOOK_ARGS };
    BinaryenExpressionRef call_args[4] = {BinaryenGlobalGet(mod, GET_HOOK_GLOBAL, I32), c32(2), c32(0), lget(HOOK_ARGS)};
    BinaryenExpressionRef ask = BLOCK(
        lset(HOOK_ARGS, bin(BinaryenSubInt32(), BinaryenGlobalGet(mod, sp, I32), c32(ARGS_BYTES))),
        BinaryenGlobalSet(mod, sp, lget(HOOK_ARGS)),
        BinaryenStore(mod, 4, 0, 4, lget(HOOK_ARGS), lget(V), I32),
        BinaryenStore(mod, 4, 4, 4, lget(HOOK_ARGS), ld(lget(SELF), SUPER_OBJ), I32),
        BinaryenStore(mod, 4, 0, 4, lget(DEST),
                      BinaryenCallIndirect(mod, table, BinaryenGlobalGet(mod, call_global, I32), call_args, 4, i32s(4), I32), I32),
        BinaryenGlobalSet(mod, sp, bin(BinaryenAddInt32(), lget(HOOK_ARGS), c32(ARGS_BYTES))));
    BinaryenExpressionRef is_candidate = bin(BinaryenOrInt32(), bin(BinaryenEqInt32(), lget(T), BinaryenGlobalGet(mod, PROPERTY_GLOBAL, I32)),
                                             bin(BinaryenAndInt32(), ld16(lget(T), TYPE_FLAGS), c32(TYPE_FLAG_INSTANCE)));
    BinaryenExpressionRef body = BLOCK(
        lset(LOAD, eqz(ld(lget(DEST), 0))),
        BinaryenCall(mod, SUPER_ORIG, (BinaryenExpressionRef[]){lget(SELF), lget(ATTR), lget(DEST)}, 3, BinaryenTypeNone()),
        BinaryenIf(mod, eqz(bin(BinaryenAndInt32(), lget(LOAD), bin(BinaryenNeInt32(), BinaryenGlobalGet(mod, GET_HOOK_GLOBAL, I32), c32(0)))),
                   BinaryenReturn(mod, NULL), NULL),
        BinaryenIf(mod, ld(lget(DEST), 4), BinaryenReturn(mod, NULL), NULL),
        lset(V, ld(lget(DEST), 0)),
        BinaryenIf(mod, bin(BinaryenOrInt32(), eqz(lget(V)), bin(BinaryenAndInt32(), lget(V), c32(3))), BinaryenReturn(mod, NULL), NULL),
        lset(T, ld(lget(V), 0)),
        BinaryenIf(mod, is_candidate, ask, NULL));
    replace_function(mod, f_super, (BinaryenType[]){I32, I32, I32, I32}, 4, body);
}

/* type_make_new becomes a wrapper of its copy that asks the hook for the
 * MRO of a new class with several bases or a base that has one. */
static void wrap_make_new(const char *sp, const char *table, const char *call_global)
{
    copy_function(f_make_new, MAKE_NEW_ORIG);
    enum { SELF, N_ARGS, N_KW, ARGS, R, P, HOOK_ARGS };
    BinaryenExpressionRef call_args[4] = {BinaryenGlobalGet(mod, HOOK_GLOBAL, I32), c32(1), c32(0), lget(HOOK_ARGS)};
    BinaryenExpressionRef needs_mro = bin(BinaryenOrInt32(), bin(BinaryenEqInt32(), ld(lget(P), 0), c32(tuple_type)),
                                          bin(BinaryenAndInt32(), ld16(lget(P), TYPE_FLAGS), c32(C3_FLAG)));
    BinaryenExpressionRef ask = BLOCK(
        lset(HOOK_ARGS, bin(BinaryenSubInt32(), BinaryenGlobalGet(mod, sp, I32), c32(ARGS_BYTES))),
        BinaryenGlobalSet(mod, sp, lget(HOOK_ARGS)),
        BinaryenStore(mod, 4, 0, 4, lget(HOOK_ARGS), lget(R), I32),
        BinaryenDrop(mod, BinaryenCallIndirect(mod, table, BinaryenGlobalGet(mod, call_global, I32), call_args, 4, i32s(4), I32)),
        BinaryenGlobalSet(mod, sp, bin(BinaryenAddInt32(), lget(HOOK_ARGS), c32(ARGS_BYTES))),
        BinaryenStore(mod, 2, TYPE_FLAGS, 2, lget(R), bin(BinaryenOrInt32(), ld16(lget(R), TYPE_FLAGS), c32(C3_FLAG)), I32));
    BinaryenExpressionRef body = BLOCK(
        lset(R, BinaryenCall(mod, MAKE_NEW_ORIG, (BinaryenExpressionRef[]){lget(SELF), lget(N_ARGS), lget(N_KW), lget(ARGS)}, 4, I32)),
        BinaryenIf(mod,
                   bin(BinaryenAndInt32(),
                       bin(BinaryenAndInt32(), bin(BinaryenEqInt32(), lget(N_ARGS), c32(3)),
                           bin(BinaryenNeInt32(), BinaryenGlobalGet(mod, HOOK_GLOBAL, I32), c32(0))),
                       eqz(bin(BinaryenAndInt32(), lget(R), c32(3)))),
                   BLOCK(lset(P, ld8(lget(R), SLOT_PARENT)),
                         BinaryenIf(mod, lget(P),
                                    BLOCK(lset(P, ld(bin(BinaryenAddInt32(), lget(R), bin(BinaryenShlInt32(), lget(P), c32(2))), SLOTS_BASE)),
                                          BinaryenIf(mod, needs_mro, ask, NULL)),
                                    NULL)),
                   NULL),
        lget(R));
    /* the same name (the table refers to it), the wrapper's body and locals */
    replace_function(mod, f_make_new, (BinaryenType[]){I32, I32, I32}, 3, body);
}

int main(int argc, char **argv)
{
    open_guest(argc, argv, "mro", HOOK_GLOBAL);
    find_lookup();
    find_super();
    find_make_new();
    const char *sp = stack_pointer();
    const char *table = only_table();
    const char *call_global = exported_global(CALL_GLOBAL, "numfmt");
    add_exported_global(HOOK_GLOBAL);
    add_exported_global(KEY_GLOBAL);
    add_exported_global(GET_HOOK_GLOBAL);
    add_exported_global(PROPERTY_GLOBAL);

    add_one();
    add_mro_of();
    add_walk();
    prefix_lookup();
    add_super_parent();

    /* super_attr asks mpbox$super_parent where it reads its class's parent slot index */
    BinaryenExpressionRef ops[3] = {BinaryenExpressionCopy(super_lookup_ptr, mod), lget(0),
                                    BinaryenExpressionCopy(BinaryenLoadGetPtr(super_parent_read), mod)};
    BinaryenExpressionRef with = BinaryenCall(mod, SUPER_FN, ops, 3, I32);
    collect(f_super);
    int done = 0;
    for (size_t i = 0; i < nnodes && !done; i++)
        for (BinaryenIndex j = 0; j < nchildren(nodes[i]) && !done; j++)
            if (child(nodes[i], j) == super_parent_read) {
                set_child(nodes[i], j, with);
                done = 1;
            }
    if (!done) mismatch("%s", "super_attr's parent slot read has no parent");
    /* its switch reads dest[0] again: the compiler kept it in a local, which
     * the path without bases leaves 0 */
    BinaryenSwitchSetCondition(super_switch, ld(lget(2), 0));

    wrap_make_new(sp, table, call_global);
    wrap_super(sp, table, call_global);

    write_module(mod, argv[1], argv[2]);
    BinaryenModuleDispose(mod);
    fprintf(stderr, "%s: %s -> %s: attributes and super() follow the C3 order\n", prog, argv[1], argv[2]);
    return 0;
}
