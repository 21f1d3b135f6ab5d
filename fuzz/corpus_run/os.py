import os
for p in ('/', 'x', 'a\x00b', 'y' * 5000):
    for f in (os.stat, os.mkdir, os.remove, os.rmdir, os.chdir, os.statvfs, os.listdir):
        try:
            f(p)
        except Exception as e:
            print(f, e)
print(os.getcwd())
