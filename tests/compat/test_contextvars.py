# contextvars: get/set/reset with tokens, defaults, copy_context().run,
# Context as a mapping, errors (addresses are cut from the messages).
import contextvars
import re
from contextvars import ContextVar, copy_context, Context, Token


def noaddr(s):
    return re.sub(r' at 0x[0-9a-f]+', '', str(s))


request_id = ContextVar('request_id', default='none')
user = ContextVar('user')
print(request_id.name, request_id.get(), user.get('anon'), noaddr(repr(request_id)), noaddr(repr(user)))
try:
    user.get()
except LookupError as e:
    print('LookupError', noaddr(e.args[0]), e.args[0] is user)
t = request_id.set('r1')
print(request_id.get(), noaddr(repr(t)), t.var is request_id, t.old_value, t.old_value is Token.MISSING)
t2 = request_id.set('r2')
print(request_id.get(), t2.old_value)
request_id.reset(t2)
print(request_id.get())
request_id.reset(t)
print(request_id.get())
for call in (lambda: request_id.reset(t), lambda: request_id.reset(user.set('bob')), lambda: request_id.reset('x')):
    try:
        call()
    except (RuntimeError, ValueError, TypeError) as e:
        print(type(e).__name__, noaddr(e))


def handler(n):
    request_id.set('req-%d' % n)
    user.set('u%d' % n)
    return request_id.get() + '/' + user.get()


ctx = copy_context()
print(ctx.run(handler, 1), request_id.get(), user.get())
print(ctx[request_id], ctx.get(user), request_id in ctx, len(ctx) >= 2, ctx.get(ContextVar('z'), 'dflt'))
print(sorted(v.name for v in ctx), sorted(v.name for v in ctx.keys()), 'req-1' in list(ctx.values()))
ctx2 = ctx.copy()
ctx2.run(request_id.set, 'other')
print(ctx[request_id], ctx2[request_id])
empty = Context()
print(len(empty), empty.run(request_id.get), empty.run(lambda: user.get('no user')))
try:
    ctx.run(lambda: ctx.run(print))
except RuntimeError as e:
    print('RuntimeError', noaddr(e))
try:
    empty[ContextVar('q')]
except KeyError:
    print('KeyError')
token = ctx.run(request_id.set, 'in-ctx')
try:
    request_id.reset(token)
except ValueError as e:
    print('ValueError', noaddr(e))
ctx.run(request_id.reset, token)
print(ctx[request_id])
print(ContextVar[int], isinstance(ctx, Context))
try:
    ContextVar(5)
except TypeError as e:
    print('TypeError', e)


def nested():
    user.set('outer')
    inner = copy_context()
    inner.run(user.set, 'inner')
    return user.get(), inner[user]


print(copy_context().run(nested), user.get('unset'))
