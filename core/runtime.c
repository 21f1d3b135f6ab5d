/*
 * runtime.c — the runtime: starts one guest instance, runs MicroPython's
 * start-up in it, and keeps the result as the image every session is copied
 * from (so a new session costs a few page copies, not a start-up).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

#include "core.h"
#include "gmem.h"

/* A 1 MiB initial Python heap as the npm package's own loader (api.js); it
 * grows on demand up to the memory cap. */
#define INITIAL_HEAP (1u << 20)

/* Recursion depth. The build runs its C code on a 64 KiB shadow stack at
 * the bottom of linear memory (the stack pointer is global 0; globals 3 and
 * 2 are the bounds that emscripten_stack_get_base/end report), of which
 * mp_js_init() lets MicroPython use 32 KiB: about 150 nested Python calls.
 * The npm loader's 2048 words of Python stack allow about as many.
 * Instead, at start-up the guest moves onto a GUEST_STACK_BYTES block of its
 * own heap (malloc'd, never freed) and MicroPython may use all of it but
 * GUEST_STACK_SLACK, which absorbs the C code that runs between two of its
 * checks: a runaway Python recursion ends in "RuntimeError: maximum
 * recursion depth exceeded". A plain Python call takes about 210 bytes of
 * shadow stack and 15-30 words of Python stack: about 2800 nested calls
 * (CPython allows 1000). Stack pages that no run writes stay zero, so they
 * are neither in the image nor copied. The sizes keep the image's pages
 * within its first 2 MiB (the pool restores that span page by page;
 * past it, session creation gets slower). */
#define GUEST_STACK_BYTES (640u << 10)
#define GUEST_STACK_SLACK (64u << 10)
#define PYSTACK_WORDS (32u << 10)

/* Garbage collection (host/gc.c): the build's start-up sets an allocation
 * threshold of 16 KiB, which only made sense while gc_collect() just set a
 * flag; MicroPython's default (none: collect when the heap is full) is
 * restored. A collection-stress build (make GC_STRESS=N) sets a threshold
 * of N - 1 blocks instead: a collection before every allocation for N = 1,
 * else whenever N - 1 blocks were allocated since the last one. */
#if defined(MPBOX_GC_STRESS) && MPBOX_GC_STRESS > 0
#define GC_STR_(x) #x
#define GC_STR(x) GC_STR_(x)
#define GC_THRESHOLD "(" GC_STR(MPBOX_GC_STRESS) " - 1) * 16"
#else
#define GC_THRESHOLD "-1"
#endif

/* Run once in the image.
 * - gc.threshold: see GC_THRESHOLD.
 * - lib/python/_mpbox_types.py grafts CPython's missing methods into the
 *   built-in types (str.ljust, int.bit_length, ...) and adds format(); it
 *   checks the type objects' layout and raises when it does not match,
 *   which fails the image build.
 * - input() would block forever in this build (stdin is polled without
 *   end): it reads end of file like a closed stdin.
 * - vars(obj), which MicroPython lacks, is obj.__dict__ (without an
 *   argument it says so: locals() is what there is).
 * - __mpbox_single gives interactive runs their expression echo
 *   (MPBOX_RUN_ECHO).
 * - asyncio: this build schedules tasks with JavaScript's setTimeout and
 *   has no asyncio.run(). The scheduling hook is replaced by one that
 *   records when the queue wants to run next, and asyncio.run() drives the
 *   queue until the main task ends, sleeping in short steps (so that a
 *   timeout's KeyboardInterrupt gets through) while tasks wait. A queue
 *   with nothing left to run and the main task unfinished would wait
 *   forever: that raises RuntimeError instead.
 * - host functions (core/hostfn.c) use the built-in C json module, reached
 *   past sys.path by lib/python/_builtin.py (lib/python/json.py and a
 *   guest's own /lib/json.py would otherwise answer `import json`);
 *   a `host` module in sys.modules, and
 *   __mpbox_bind(globals, names), which the host calls at the start of a
 *   run after registrations to make each name an attribute of `host` and a
 *   global of __main__. A wrapper checks its arguments (JSON types, no
 *   NaN/infinity, no cycles), sends {"args", "kwargs"} through the bridge
 *   js.mpbox_call and unpacks the envelope: [value], or {"type",
 *   "message"} raised as an allow-listed exception type (else
 *   RuntimeError); None means no memory for the answer. Wrappers are
 *   instances of a class, not closures: calling a closure with many cells
 *   got slower with every call made in a run (measured: 25 -> 100 us per
 *   call over 30000 calls; the class stays at ~14 us).
 * - __mpbox_last(src, off, line) for MPBOX_RUN_RETURN_VALUE: src (bytes)
 *   splits at off, the start of the last top-level statement (found by the
 *   host, core/session.c), on line `line` (0-based). When that tail
 *   compiles as an expression (padded with newlines, so line numbers stay
 *   right), the head is executed and the tail evaluated in __main__; the
 *   value goes back as JSON through js.mpbox_call("@return", ...) (repr()
 *   as a JSON string when it is not JSON-serialisable). Otherwise src is
 *   executed whole. */
static const char image_prelude[] =
    "import builtins, sys, gc\n"
    "gc.threshold(" GC_THRESHOLD ")\n"
    "sys.path[:] = ['', '/lib', '/usr/lib/mpbox', '.frozen']\n"
    "import _mpbox_types\n"
    "del _mpbox_types\n"
    "def input(prompt=''):\n"
    "    if prompt:\n"
    "        print(prompt, end='')\n"
    "    raise EOFError('EOF when reading a line')\n"
    "builtins.input = input\n"
    "def vars(*args):\n"
    "    if len(args) != 1:\n"
    "        if args:\n"
    "            raise TypeError('vars expected at most 1 argument, got %d' % len(args))\n"
    "        raise TypeError('vars() without an argument is not available in this sandbox: use locals()')\n"
    "    try:\n"
    "        return args[0].__dict__\n"
    "    except AttributeError:\n"
    "        raise TypeError('vars() argument must have __dict__ attribute') from None\n"
    "builtins.vars = vars\n"
    "del vars\n"
    "def __mpbox_single(src):\n"
    "    exec(compile(src, '<stdin>', 'single'), globals())\n"
    "builtins.__mpbox_single = __mpbox_single\n"
    "def __mpbox_asyncio():\n"
    "    import asyncio, time\n"
    "    core = asyncio.core\n"
    "    due = [None]\n"
    "    def schedule(dt):\n"
    "        t = time.ticks_add(time.ticks_ms(), dt)\n"
    "        if due[0] is None or time.ticks_diff(t, due[0]) < 0:\n"
    "            due[0] = t\n"
    "    core._schedule_run_iter = schedule\n"
    "    asyncio.new_event_loop()\n"
    "    def run(main):\n"
    "        done = []\n"
    "        task = core._promote_to_task(main)\n"
    "        task.state = lambda t, er: done.append(er)\n"
    "        while not done:\n"
    "            at = due[0]\n"
    "            if at is None:\n"
    "                raise RuntimeError('asyncio.run: no task can make progress')\n"
    "            due[0] = None\n"
    "            while True:\n"
    "                dt = time.ticks_diff(at, time.ticks_ms())\n"
    "                if dt <= 0:\n"
    "                    break\n"
    "                time.sleep_ms(min(dt, 10))\n"
    "            core._run_iter()\n"
    "        if isinstance(done[0], StopIteration):\n"
    "            return done[0].value\n"
    "        raise done[0]\n"
    "    asyncio.run = run\n"
    "__mpbox_asyncio()\n"
    "del input, __mpbox_single, __mpbox_asyncio, sys, gc\n";

/* The host-function half of the prelude (a string of its own: ISO C
 * limits literals to 4095 characters). */
static const char image_prelude_host[] =
    "def __mpbox_host():\n"
    "    import sys, js\n"
    "    from _builtin import builtin_module\n"
    "    json = builtin_module('json')\n"
    "    class HostFunction:\n"
    "        def __init__(self, name):\n"
    "            self.name = name\n"
    "        def __repr__(self):\n"
    "            return '<host function ' + self.name + '>'\n"
    "        def check(self, v, path):\n"
    "            t = type(v)\n"
    "            if t in self.plain:\n"
    "                return\n"
    "            if t is float:\n"
    "                if v - v != 0:\n"
    "                    raise ValueError('Out of range float values are not JSON compliant')\n"
    "                return\n"
    "            if t is list or t is tuple or t is dict:\n"
    "                i = id(v)\n"
    "                if i in path:\n"
    "                    raise ValueError('Circular reference detected')\n"
    "                path.add(i)\n"
    "                if t is dict:\n"
    "                    for k, x in v.items():\n"
    "                        if type(k) is not str:\n"
    "                            raise TypeError('keys must be str, not ' + type(k).__name__)\n"
    "                        self.check(x, path)\n"
    "                else:\n"
    "                    for x in v:\n"
    "                        self.check(x, path)\n"
    "                path.remove(i)\n"
    "                return\n"
    "            raise TypeError('Object of type ' + t.__name__ + ' is not JSON serializable')\n"
    "        def __call__(self, *args, **kwargs):\n"
    "            plain = self.plain\n"
    "            try:\n"
    "                for x in args:\n"
    "                    if type(x) not in plain:\n"
    "                        self.check(x, set())\n"
    "                for x in kwargs.values():\n"
    "                    if type(x) not in plain:\n"
    "                        self.check(x, set())\n"
    "            except RuntimeError:\n"
    "                raise ValueError('host function arguments nested too deeply')\n"
    "            r = self.call(self.name, self.dumps({'args': args, 'kwargs': kwargs}))\n"
    "            if type(r) is not str:\n"
    "                raise MemoryError('no memory for the host function result')\n"
    "            r = self.loads(r)\n"
    "            if type(r) is list:\n"
    "                return r[0]\n"
    "            e = self.errs.get(r['type'])\n"
    "            if e is None:\n"
    "                raise RuntimeError(r['type'] + ': ' + r['message'])\n"
    "            raise e(r['message'])\n"
    "    HostFunction.call = js.mpbox_call\n"
    "    HostFunction.dumps = json.dumps\n"
    "    HostFunction.loads = json.loads\n"
    "    HostFunction.plain = (type(None), bool, int, str)\n"
    "    HostFunction.errs = errs = {}\n"
    "    for e in (ValueError, TypeError, KeyError, IndexError, LookupError, RuntimeError, NameError,\n"
    "              AttributeError, NotImplementedError, OSError, OverflowError, ZeroDivisionError,\n"
    "              ArithmeticError, AssertionError, EOFError, ImportError, UnicodeError, Exception):\n"
    "        errs[e.__name__] = e\n"
    "    class HostModule:\n"
    "        pass\n"
    "    mod = HostModule()\n"
    "    def bind(g, names):\n"
    "        for n in names:\n"
    "            f = HostFunction(n)\n"
    "            setattr(mod, n, f)\n"
    "            g[n] = f\n"
    "    sys.modules['host'] = mod\n"
    "    ret = HostFunction('@return')\n"
    "    def __mpbox_last(src, off, line):\n"
    "        g = globals()\n"
    "        try:\n"
    "            c = compile('\\\\\\n' * line + src[off:].decode(), '<stdin>', 'eval')\n"
    "        except SyntaxError:\n"
    "            exec(compile(src.decode(), '<stdin>', 'exec'), g)\n"
    "            return\n"
    "        exec(compile(src[:off].decode(), '<stdin>', 'exec'), g)\n"
    "        v = eval(c, g)\n"
    "        try:\n"
    "            if type(v) not in ret.plain:\n"
    "                ret.check(v, set())\n"
    "            j = json.dumps(v)\n"
    "        except Exception:\n"
    "            j = json.dumps(repr(v))\n"
    "        ret.call('@return', j)\n"
    "    builtins.__mpbox_last = __mpbox_last\n"
    "    builtins.__mpbox_bind = bind\n"
    "__mpbox_host()\n"
    "del __mpbox_host, builtins\n";

/* The third part: modules of the embedded library named in its
 * _preload.txt (one per line, "#" comments) are loaded and left in
 * sys.modules, so that every session starts with them. A name that a plain
 * import finds in the library is simply imported. A name that a plain
 * import answers with a built-in C module (those that the file system
 * cannot shadow, such as math) is loaded by hand: a fresh module object
 * (this build cannot make one but by importing a file: the library's empty
 * _mpbox_module.py, whose stat data are constant, so the image stays the
 * same from run to run), renamed, and the library file executed in it, so
 * that `import math` inside that file still reaches the C module (a file
 * that defines _mpbox_replace puts that object in sys.modules instead:
 * lib/python/sys.py, since the built-in sys takes no new attributes). A module
 * that fails to load is left out (tests/unit/test_lib.c checks that every
 * listed module is there). */
static const char image_prelude_preload[] =
    "def __mpbox_preload():\n"
    "    import sys\n"
    "    root = '/usr/lib/mpbox/'\n"
    "    try:\n"
    "        with open(root + '_preload.txt') as f:\n"
    "            lines = f.read().split('\\n')\n"
    "    except OSError:\n"
    "        return\n"
    "    path = sys.path[:]\n"
    "    for line in lines:\n"
    "        name = line.split('#')[0].strip()\n"
    "        if not name:\n"
    "            continue\n"
    "        try:\n"
    "            m = __import__(name)\n"
    "            if getattr(m, '__file__', '').startswith(root):\n"
    "                continue\n"
    "            file = root + name + '.py'\n"
    "            with open(file) as f:\n"
    "                code = compile(f.read(), file, 'exec')\n"
    "            sys.path[:] = [root]\n"
    "            m = __import__('_mpbox_module')\n"
    "            sys.path[:] = path\n"
    "            del sys.modules['_mpbox_module']\n"
    "            g = m.__dict__\n"
    "            g['__name__'] = name\n"
    "            g['__file__'] = file\n"
    "            exec(code, g)\n"
    "            sys.modules[name] = g.get('_mpbox_replace', m)\n"
    "        except Exception:\n"
    "            sys.path[:] = path\n"
    "__mpbox_preload()\n"
    "del __mpbox_preload\n";

static pthread_once_t module_once = PTHREAD_ONCE_INIT;
static void init_module(void)
{
    Z_micropython_init_module(); /* fills the generated func_types table */
}

/* MicroPython's thread state (mp_state_ctx) holds, one after another: the
 * stack top (the address of a local of mp_js_init, just below the top of
 * the build's own stack), the usable size (its fixed 32 KiB), then the
 * Python stack's start and end. The quadruple is found in memory (no
 * address is hard-coded): the address of its first word, or 0 unless there
 * is exactly one. */
static uint32_t find_stack_state(const wasm_rt_memory_t *m, uint32_t old_top)
{
    uint32_t found = 0, count = 0;
    for (uint32_t a = 0; a + 16 <= m->size; a += 4) {
        uint32_t w[4];
        memcpy(w, m->data + a, sizeof w);
        if (w[0] <= old_top && w[0] + 4096 > old_top && w[1] == 32768u && w[3] > w[2] &&
            w[3] - w[2] == PYSTACK_WORDS * 4u) {
            found = a;
            count++;
        }
    }
    return count == 1 ? found : 0;
}

/* Move the guest onto `block` (GUEST_STACK_BYTES of its heap that nothing
 * else uses): the stack pointer and the bounds, 16-aligned, then
 * MicroPython's stack top and usable size. Called at rest (no guest frame
 * alive), so both stacks hold only dead frames: they are cleared, which
 * keeps their pages out of the image. The sessions, checkpoints, snapshots
 * and forks copy the globals with the memory, so they all keep the move. */
static int move_stack(mpbox_session *s, uint32_t block)
{
    Z_micropython_instance_t *in = &s->inst;
    wasm_rt_memory_t *m = &in->w2c_memory;
    uint32_t old_end = in->w2c_g2, old_top = in->w2c_g3;
    uint32_t state = find_stack_state(m, old_top);
    uint32_t bottom = (block + 15u) & ~15u;
    uint32_t top = (block + GUEST_STACK_BYTES) & ~15u;
    if (!state || in->w2c_g0 != old_top || old_end >= old_top || !mpb_g_ok(m, old_end, old_top - old_end) ||
        !mpb_g_ok(m, block, GUEST_STACK_BYTES))
        return MPBOX_GUEST;
    if (mpb_g_put_u32(m, state, top) != 0 || mpb_g_put_u32(m, state + 4, top - bottom - GUEST_STACK_SLACK) != 0)
        return MPBOX_GUEST;
    memset(m->data + old_end, 0, old_top - old_end);
    memset(m->data + block, 0, GUEST_STACK_BYTES);
    in->w2c_g0 = top;
    in->w2c_g3 = top;
    in->w2c_g2 = bottom;
    return MPBOX_OK;
}

static int start_guest(mpbox_session *s)
{
    mpb_rt_call call;
    s->host.call = &call;
    volatile uint32_t stack = 0; /* read after a trap */
    int trap = MPB_RT_TRY(&call, NULL);
    if (trap == 0) {
        Z_micropython_instantiate(&s->inst, (struct Z_env_instance_t *)&s->host,
                                  (struct Z_wasi_snapshot_preview1_instance_t *)&s->host);
        call.mem_base = s->inst.w2c_memory.data;
        call.in_guest = 1;
        Z_micropythonZ_emscripten_stack_init(&s->inst);
        Z_micropythonZ___wasm_call_ctors(&s->inst);
        Z_micropythonZ_mp_js_init(&s->inst, PYSTACK_WORDS, INITIAL_HEAP);
        Z_micropythonZ_proxy_c_init(&s->inst);
        /* Last, so that the block lies above everything the image holds. */
        stack = Z_micropythonZ_malloc(&s->inst, GUEST_STACK_BYTES);
        /* The globals are what the stack exports read. */
        if (Z_micropythonZ_emscripten_stack_get_current(&s->inst) != s->inst.w2c_g0 ||
            Z_micropythonZ_emscripten_stack_get_base(&s->inst) != s->inst.w2c_g3 ||
            Z_micropythonZ_emscripten_stack_get_end(&s->inst) != s->inst.w2c_g2)
            stack = 0;
        call.in_guest = 0;
    }
    mpb_rt_leave(&call);
    s->host.call = NULL;
    if (trap != 0 || !stack)
        return MPBOX_GUEST;
    return move_stack(s, stack);
}

/* C code that recurses without MicroPython's check (comparing dicts nested
 * tens of thousands deep, for example) can run the stack pointer past the
 * block's bottom into the heap below, where the build's own stack would
 * have trapped (below address 0). No write into the block's lowest
 * STACK_GUARD_BYTES is legitimate (they lie deep in the slack, and are
 * zero in the image): a run that left them non-zero overflowed. */
#define STACK_GUARD_BYTES 4096u

int mpb_stack_overflowed(const mpbox_session *s)
{
    const wasm_rt_memory_t *m = &s->inst.w2c_memory;
    uint32_t bottom = s->rt->image_inst.w2c_g2; /* not the guest's copy */
    const uint8_t *p = mpb_g_span(m, bottom, STACK_GUARD_BYTES);
    if (!p)
        return 1;
    for (uint32_t i = 0; i < STACK_GUARD_BYTES; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if (w)
            return 1;
    }
    return 0;
}

/* At rest the shadow stack below its pointer holds only dead frames:
 * cleared, its pages stay out of the image. */
static int clear_dead_stack(mpbox_session *s)
{
    wasm_rt_memory_t *m = &s->inst.w2c_memory;
    uint32_t end = s->inst.w2c_g2, sp = s->inst.w2c_g0;
    if (end > sp || !mpb_g_ok(m, end, sp - end))
        return MPBOX_GUEST;
    memset(m->data + end, 0, sp - end);
    return MPBOX_OK;
}

/* Which host pages of the reservation hold data: untouched pages are not
 * resident, and resident ones are checked for non-zero bytes. */
static int capture_image(mpbox_runtime *rt, const mpbox_session *s)
{
    const wasm_rt_memory_t *m = &s->inst.w2c_memory;
    size_t npages = (size_t)m->size / MPB_HOST_PAGE;
    unsigned char *resident = malloc(npages);
    uint32_t *index = malloc(sizeof *index * npages);
    rt->image_index = index;
    if (!resident || !index) {
        free(resident);
        return MPBOX_NOMEM;
    }
    if (mincore(m->data, m->size, resident) != 0)
        memset(resident, 1, npages);
    size_t count = 0;
    for (size_t i = 0; i < npages; i++) {
        if (!(resident[i] & 1))
            continue;
        const uint64_t *w = (const uint64_t *)(m->data + i * MPB_HOST_PAGE);
        for (size_t k = 0; k < MPB_HOST_PAGE / 8; k++)
            if (w[k]) {
                index[count++] = (uint32_t)i;
                break;
            }
    }
    free(resident);
    uint8_t *data = malloc(count * MPB_HOST_PAGE + 1);
    rt->image_data = data;
    if (!data)
        return MPBOX_NOMEM;
    for (size_t i = 0; i < count; i++)
        memcpy(data + i * MPB_HOST_PAGE, m->data + (size_t)index[i] * MPB_HOST_PAGE, MPB_HOST_PAGE);
    rt->image_count = (uint32_t)count;
    rt->image_pages = m->pages;
    rt->image_inst = s->inst;
    rt->table_size = s->inst.w2c___indirect_function_table.size;
    rt->table_max = s->inst.w2c___indirect_function_table.max_size;
    rt->image_table = malloc(sizeof *rt->image_table * (rt->table_size ? rt->table_size : 1));
    if (!rt->image_table)
        return MPBOX_NOMEM;
    memcpy(rt->image_table, s->inst.w2c___indirect_function_table.data, sizeof *rt->image_table * rt->table_size);
    return mpb_image_finish(rt);
}

/* Find the words mp_sched_keyboard_interrupt writes, by calling it in a
 * scratch session and diffing memory against the image:
 * - mp_pending_exception goes from 0 to a pointer into linear memory; an
 *   interrupt that arrived too late for one run is cleared there;
 * - the scheduler state, a u16, goes from IDLE (1) to PENDING (0); the
 *   watchdog uses it as a harmless liveness probe after a refused growth. */
static int find_interrupt_words(mpbox_runtime *rt)
{
    mpbox_session *s;
    int rc = mpb_session_create(rt, &s, 1);
    if (rc != MPBOX_OK)
        return rc;
    mpb_rt_call call;
    s->host.call = &call;
    if (MPB_RT_TRY(&call, s->inst.w2c_memory.data) == 0) {
        call.in_guest = 1;
        Z_micropythonZ_mp_sched_keyboard_interrupt(&s->inst);
        call.in_guest = 0;
    }
    mpb_rt_leave(&call);
    s->host.call = NULL;

    const uint8_t *mem = s->inst.w2c_memory.data;
    uint32_t pending = 0, npending = 0, sched = 0, nsched = 0, exc = 0;
    for (uint32_t i = 0; i < rt->image_count; i++) {
        const uint32_t *now = (const uint32_t *)(mem + (size_t)rt->image_index[i] * MPB_HOST_PAGE);
        const uint32_t *was = (const uint32_t *)(rt->image_data + (size_t)i * MPB_HOST_PAGE);
        for (uint32_t k = 0; k < MPB_HOST_PAGE / 4; k++) {
            if (now[k] == was[k])
                continue;
            uint32_t addr = rt->image_index[i] * MPB_HOST_PAGE + k * 4;
            if (was[k] == 0 && now[k] < s->inst.w2c_memory.size) {
                pending = addr;
                exc = now[k];
                npending++;
            } else if ((was[k] & 0xffff) == 1 && (now[k] & 0xffff) == 0 && (was[k] >> 16) == (now[k] >> 16)) {
                sched = addr;
                nsched++;
            } else if ((was[k] >> 16) == 1 && (now[k] >> 16) == 0 && (was[k] & 0xffff) == (now[k] & 0xffff)) {
                sched = addr + 2;
                nsched++;
            }
        }
    }
    mpbox_session_free(s);
    if (npending != 1 || nsched != 1)
        return MPBOX_GUEST;
    rt->kbd_pending_addr = pending;
    rt->sched_state_addr = sched;
    rt->kbd_exc_addr = exc;
    return MPBOX_OK;
}

/* MicroPython's first heap area, which collections during runs start
 * from (host/gc.c): the one struct of its shape in the image's pages. A
 * struct may straddle two consecutive pages. */
static int find_gc_area(mpbox_runtime *rt)
{
    uint8_t buf[MPB_HOST_PAGE + 32];
    uint32_t found = 0, count = 0;
    uint64_t size = (uint64_t)rt->image_pages * MPB_WASM_PAGE;
    for (uint32_t i = 0; i < rt->image_count; i++) {
        memcpy(buf, rt->image_data + (size_t)i * MPB_HOST_PAGE, MPB_HOST_PAGE);
        memset(buf + MPB_HOST_PAGE, 0, 32);
        if (i + 1 < rt->image_count && rt->image_index[i + 1] == rt->image_index[i] + 1)
            memcpy(buf + MPB_HOST_PAGE, rt->image_data + (size_t)(i + 1) * MPB_HOST_PAGE, 32);
        /* structs that start on the next page are counted with it */
        uint32_t a = 0;
        int n = mpb_gc_find_area(buf, rt->image_index[i] * MPB_HOST_PAGE, MPB_HOST_PAGE + 28, size, &a);
        if (n == 1 && a >= (rt->image_index[i] + 1) * MPB_HOST_PAGE)
            n = 0;
        if (n > 0) {
            found = a;
            count += (uint32_t)n;
        }
    }
    if (count != 1)
        return MPBOX_GUEST;
    rt->gc_area_addr = found;
    return MPBOX_OK;
}

static void release_image(mpbox_runtime *rt)
{
    if (!rt->image_embedded) {
        free((void *)rt->image_index);
        free((void *)rt->image_data);
    }
    free(rt->image_table);
    free(rt->image_slot);
    rt->image_slot = NULL;
    rt->image_index = NULL;
    rt->image_data = NULL;
    rt->image_table = NULL;
}

static int build_image(mpbox_runtime *rt)
{
    mpbox_session *s;
    int rc = mpb_session_create(rt, &s, 0);
    if (rc != MPBOX_OK)
        return rc;
    s->inst.w2c_memory.data = NULL;
    /* The prelude is our own code and ends: no deadline, so that creating
     * a runtime starts no watchdog thread (a process may fork right after,
     * as the zygote of `mpbox serve` does). */
    s->limits[MPBOX_LIMIT_TIMEOUT_MS] = 0;
    if (start_guest(s) != 0) {
        rc = MPBOX_GUEST;
    } else {
        s->inst.w2c_memory.max_pages = 32768u;
        mpbox_result *r = mpb_result_new();
        if (!r) {
            rc = MPBOX_NOMEM;
        } else {
            int trap = mpb_session_exec(s, image_prelude, sizeof image_prelude - 1, r, 0);
            if (!trap && !r->error_type)
                trap = mpb_session_exec(s, image_prelude_host, sizeof image_prelude_host - 1, r, 0);
            if (!trap && !r->error_type)
                trap = mpb_session_exec(s, image_prelude_preload, sizeof image_prelude_preload - 1, r, 0);
            if (trap || r->error_type)
                rc = MPBOX_GUEST;
            mpbox_result_free(r);
        }
    }
    if (rc == MPBOX_OK)
        rc = clear_dead_stack(s);
    if (rc == MPBOX_OK)
        rc = capture_image(rt, s);
    if (s->inst.w2c_memory.data)
        mpb_rt_unreserve(s->inst.w2c_memory.data);
    free(s->inst.w2c___indirect_function_table.data);
    mpb_capture_free(&s->host.out[0]);
    mpb_capture_free(&s->host.out[1]);
    mpb_vfs_free(&s->host.vfs); /* start-up probes made an empty root */
    mpb_hostreg_free(&s->host_reg);
    free(s);
    return rc;
}

/* What the image is built from, besides the guest and the C code: the
 * prelude's text and the start-up parameters (see mpb_image_fingerprint). */
uint64_t mpb_startup_checksum(void)
{
    const uint32_t params[] = {PYSTACK_WORDS, INITIAL_HEAP, GUEST_STACK_BYTES, GUEST_STACK_SLACK};
    uint64_t h = mpb_checksum(params, sizeof params, 0);
    h = mpb_checksum(image_prelude, sizeof image_prelude, h);
    h = mpb_checksum(image_prelude_host, sizeof image_prelude_host, h);
    return mpb_checksum(image_prelude_preload, sizeof image_prelude_preload, h);
}

int mpbox_runtime_new(mpbox_runtime **out)
{
    return mpb_runtime_create(out, 1);
}

int mpb_runtime_create(mpbox_runtime **out, int use_embedded)
{
    if (!out)
        return MPBOX_MISUSE;
    *out = NULL;
    if (mpb_rt_global_init() != 0)
        return MPBOX_ERROR;
    pthread_once(&module_once, init_module);
    mpbox_runtime *rt = calloc(1, sizeof *rt);
    if (!rt)
        return MPBOX_NOMEM;
    atomic_store(&rt->limits[MPBOX_LIMIT_MEMORY], MPBOX_DEFAULT_MEMORY);
    atomic_store(&rt->limits[MPBOX_LIMIT_TIMEOUT_MS], MPBOX_DEFAULT_TIMEOUT_MS);
    atomic_store(&rt->limits[MPBOX_LIMIT_GRACE_MS], MPBOX_DEFAULT_GRACE_MS);
    atomic_store(&rt->limits[MPBOX_LIMIT_STDOUT], MPBOX_DEFAULT_OUTPUT);
    atomic_store(&rt->limits[MPBOX_LIMIT_STDERR], MPBOX_DEFAULT_OUTPUT);
    atomic_store(&rt->limits[MPBOX_LIMIT_OUTPUT_STOP], 0);
    atomic_store(&rt->limits[MPBOX_LIMIT_ROLLBACK], 1);
    atomic_store(&rt->limits[MPBOX_LIMIT_FUEL], 0);
    atomic_store(&rt->limits[MPBOX_LIMIT_DETERMINISTIC], 0);
    atomic_store(&rt->limits[MPBOX_LIMIT_SEED], 0);
    atomic_store(&rt->limits[MPBOX_LIMIT_FILES_BYTES], 64 << 20);
    atomic_store(&rt->limits[MPBOX_LIMIT_FILES_COUNT], 1000);
    atomic_store(&rt->limits[MPBOX_LIMIT_HOST_ARG_BYTES], 1 << 20);
    atomic_store(&rt->limits[MPBOX_LIMIT_HOST_RESULT_BYTES], 16 << 20);
    atomic_store(&rt->limits[MPBOX_LIMIT_HOST_DEPTH], 64);
    atomic_store(&rt->limits[MPBOX_LIMIT_HOST_CALLS], 10000);
    pthread_mutex_init(&rt->pool_lock, NULL);
    pthread_mutex_init(&rt->host_lock, NULL);
    rt->restore_in_place = mpb_pool_can_restore();
    mpb_watchdog_init(&rt->wd);
    if (getrandom(&rt->seed, sizeof rt->seed, 0) != sizeof rt->seed)
        rt->seed = (uint64_t)mpb_now_ns() ^ ((uint64_t)getpid() << 32);
    static const int i32 = WASM_RT_I32;
    for (int n = 0; n < 5; n++) {
        /* invoke_v..viiii: n i32 parameters after the index, no result */
        rt->sigs[MPB_SIG_V1 + n] = wasm_rt_register_func_type((uint32_t)n, 0, i32, i32, i32, i32, i32);
    }
    for (int n = 0; n < 6; n++)
        rt->sigs[MPB_SIG_I1 + n] = wasm_rt_register_func_type((uint32_t)n, 1, i32, i32, i32, i32, i32, i32, i32);

    /* The image made at build time when it fits this build (it does unless
     * objects of different builds were mixed), else built here. */
    int rc = MPBOX_ERROR;
    if (use_embedded && mpb_embedded_image)
        rc = mpb_image_load(rt, mpb_embedded_image);
    if (rc != MPBOX_OK)
        rc = build_image(rt);
    if (rc == MPBOX_OK)
        rc = find_interrupt_words(rt);
    if (rc == MPBOX_OK)
        rc = find_gc_area(rt);
    if (rc != MPBOX_OK) {
        mpbox_runtime_free(rt);
        return rc;
    }
    *out = rt;
    return MPBOX_OK;
}

void mpbox_runtime_free(mpbox_runtime *rt)
{
    if (!rt)
        return;
    mpb_watchdog_shutdown(&rt->wd);
    mpb_pool_drain(rt);
    pthread_mutex_destroy(&rt->pool_lock);
    pthread_mutex_destroy(&rt->host_lock);
    mpb_hostreg_free(&rt->host_reg);
    release_image(rt);
    free(rt);
}

int64_t mpbox_runtime_limit(mpbox_runtime *rt, int id, int64_t value)
{
    if (!rt || id < 0 || id >= MPBOX_LIMIT_COUNT_)
        return -1;
    if (value < 0)
        return atomic_load(&rt->limits[id]);
    if (mpb_limit_invalid(id, value))
        return -1;
    return atomic_exchange(&rt->limits[id], value);
}
