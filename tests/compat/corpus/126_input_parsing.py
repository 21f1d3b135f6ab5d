# Parse and validate key=value settings.
lines = ["name = demo", "port=8080", "debug = true", "ratio=0.75", "bad line", "port = 9090",
         "tags = a, b ,c", "empty =", "# comment", "max = 1e3"]
settings = {}
problems = []
for n, line in enumerate(lines, 1):
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    key, sep, value = line.partition("=")
    if not sep:
        problems.append((n, f"no '=' in {line!r}"))
        continue
    key, value = key.strip(), value.strip()
    if key in settings:
        problems.append((n, f"duplicate key {key!r}"))
    if value.lower() in ("true", "false"):
        value = value.lower() == "true"
    elif value.isdigit():
        value = int(value)
    else:
        try:
            value = float(value)
        except ValueError:
            if "," in value:
                value = [v.strip() for v in value.split(",")]
    settings[key] = value
print(settings)
for n, msg in problems:
    print(f"line {n}: {msg}")
