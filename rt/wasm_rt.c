/*
 * wasm_rt.c — the rest of the wasm-rt.h interface: function types, tables
 * and the (unused by our guest) exception hooks.
 *
 * Function types are identified by a pure encoding of their signature, so
 * registration needs no shared table and no lock: every thread and every
 * runtime computes the same id for the same signature.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "rt.h"

/* Base-8 digits, most significant first: each parameter type + 1, the
 * separator 7, each result type + 1. At most 10 digits fit in 30 bits. */
uint32_t wasm_rt_register_func_type(uint32_t params, uint32_t results, ...)
{
    if (params + results + 1 > 10)
        abort(); /* no such signature in our guest; see DESIGN.md */
    va_list ap;
    va_start(ap, results);
    uint32_t id = 0;
    for (uint32_t i = 0; i < params + results; i++) {
        if (i == params)
            id = id * 8 + 7;
        id = id * 8 + (uint32_t)va_arg(ap, int) + 1;
    }
    if (results == 0)
        id = id * 8 + 7;
    va_end(ap);
    return id;
}

void wasm_rt_init(void) {}
bool wasm_rt_is_initialized(void) { return true; }
void wasm_rt_free(void) {}

const char *wasm_rt_strerror(wasm_rt_trap_t trap)
{
    return mpb_trap_reason((int)trap);
}

/* Both table kinds are a size, a maximum and an array of elements. */
static void *table_alloc(uint32_t elements, size_t elem_size)
{
    void *data = calloc(elements ? elements : 1, elem_size);
    if (!data)
        wasm_rt_trap(WASM_RT_TRAP_OOB); /* unwinds the instantiation */
    return data;
}

void wasm_rt_allocate_funcref_table(wasm_rt_funcref_table_t *t, uint32_t elements, uint32_t max_elements)
{
    t->data = table_alloc(elements, sizeof *t->data);
    t->size = elements;
    t->max_size = max_elements;
}

void wasm_rt_allocate_externref_table(wasm_rt_externref_table_t *t, uint32_t elements, uint32_t max_elements)
{
    t->data = table_alloc(elements, sizeof *t->data);
    t->size = elements;
    t->max_size = max_elements;
}

void wasm_rt_free_funcref_table(wasm_rt_funcref_table_t *t)
{
    free(t->data);
    t->data = NULL;
    t->size = 0;
}

void wasm_rt_free_externref_table(wasm_rt_externref_table_t *t)
{
    free(t->data);
    t->data = NULL;
    t->size = 0;
}

/* Tables never grow in our guest (no table.grow); refuse politely. */
uint32_t wasm_rt_grow_funcref_table(wasm_rt_funcref_table_t *t, uint32_t delta, wasm_rt_funcref_t init)
{
    (void)t, (void)delta, (void)init;
    return UINT32_MAX;
}

uint32_t wasm_rt_grow_externref_table(wasm_rt_externref_table_t *t, uint32_t delta, wasm_rt_externref_t init)
{
    (void)t, (void)delta, (void)init;
    return UINT32_MAX;
}

/* Wasm exception handling is not enabled in our build (Emscripten uses
 * invoke_* trampolines); these exist only to satisfy the interface. */
uint32_t wasm_rt_register_tag(uint32_t size)
{
    return size;
}

void wasm_rt_load_exception(uint32_t tag, uint32_t size, const void *values)
{
    (void)tag, (void)size, (void)values;
}

void wasm_rt_throw(void)
{
    wasm_rt_trap(WASM_RT_TRAP_UNCAUGHT_EXCEPTION);
}

static __thread WASM_RT_UNWIND_TARGET *unwind_target;
WASM_RT_UNWIND_TARGET *wasm_rt_get_unwind_target(void) { return unwind_target; }
void wasm_rt_set_unwind_target(WASM_RT_UNWIND_TARGET *target) { unwind_target = target; }
uint32_t wasm_rt_exception_tag(void) { return 0; }
uint32_t wasm_rt_exception_size(void) { return 0; }
void *wasm_rt_exception(void) { return NULL; }
