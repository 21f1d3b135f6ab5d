# logging: hierarchy, levels, formatters in three styles, handlers,
# filters, adapters, basicConfig, the last resort.
import io
import logging
import sys

stream = io.StringIO()
logging.basicConfig(stream=stream, level=logging.DEBUG, format='%(levelname)s|%(name)s|%(message)s')
logging.info('root info %d', 1)
log = logging.getLogger('app')
log.debug('debug %s', 'x')
child = logging.getLogger('app.db.conn')
mid = logging.getLogger('app.db')
print(child.parent.name, mid.parent.name, log.parent.name, logging.getLogger().name)
mid.setLevel(logging.ERROR)
child.warning('hidden by app.db level')
child.error('shown %r', {'k': 1})
print(child.getEffectiveLevel(), log.getEffectiveLevel(), child.isEnabledFor(logging.WARNING))
print(logging.getLevelName(10), logging.getLevelName('INFO'), logging.getLevelName(15), logging.getLevelName(logging.WARN))
logging.addLevelName(15, 'VERBOSE')
log.log(15, 'verbose line')
print(logging.getLevelName(15), logging.getLevelName('VERBOSE'))
log.info('%(a)s and %(b)s', {'a': 1, 'b': 2})
print(stream.getvalue(), end='')

out = io.StringIO()
h = logging.StreamHandler(out)
h.setFormatter(logging.Formatter('{levelname:>8} {name}: {message}', style='{'))
svc = logging.getLogger('svc')
svc.propagate = False
svc.addHandler(h)
svc.setLevel(logging.INFO)
svc.info('started')
svc.warning('w %d%%', 5)
h2 = logging.StreamHandler(out)
h2.setFormatter(logging.Formatter('$levelname/$name/$message', style='$'))
h2.setLevel(logging.ERROR)
svc.addHandler(h2)
svc.error('both handlers')


class OnlyOdd(logging.Filter):
    def filter(self, record):
        return record.args[0] % 2 == 1


svc.addFilter(OnlyOdd())
for i in range(4):
    svc.info('number %d', i)
svc.removeFilter(svc.filters[0])
svc.addFilter(lambda r: 'secret' not in r.getMessage())
svc.info('a secret')
svc.info('public')
ad = logging.LoggerAdapter(svc, {'user': 'kim'})
ad.info('adapted')
print(out.getvalue(), end='')
print(ad.name, repr(svc), svc.hasHandlers(), logging.getLogger('nohandlers').hasHandlers())

rec = logging.makeLogRecord({'msg': 'hello %s', 'args': ('you',), 'levelno': 20, 'levelname': 'INFO', 'name': 'x'})
print(rec.getMessage(), logging.Formatter('%(name)s:%(message)s').format(rec))
try:
    logging.Formatter('no fields', style='{')
except ValueError as e:
    print('ValueError', e)
try:
    log.setLevel('LOUD')
except ValueError as e:
    print('ValueError', e)
nf = logging.Filter('app.db')
for name in ['app.db', 'app.db.x', 'app.dbx', 'app']:
    print(name, bool(nf.filter(logging.makeLogRecord({'name': name}))))
print(logging.lastResort.level, type(logging.lastResort).__name__)
logging.disable(logging.WARNING)
log.warning('disabled')
logging.disable(logging.NOTSET)
log.warning('enabled again')
print(stream.getvalue().splitlines()[-1])
