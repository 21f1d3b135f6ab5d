# Empty on purpose: the start-up image (core/startup.c) imports this file to
# get fresh module objects for the modules named in _preload.txt.
