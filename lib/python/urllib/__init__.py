# urllib for mpbox: only urllib.parse (URL strings). urllib.request and the
# other network modules are missing: the sandbox has no network
# (core/hint.c says so when one is imported).
