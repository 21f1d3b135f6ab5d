import jsffi
for v in ([1], {1: 2}, print, (i for i in ())):
    jsffi.create_proxy(v)
    jsffi.to_js(v)
print(jsffi.mem_info())
