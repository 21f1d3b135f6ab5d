# Build configuration objects from keyword arguments.
def make_config(name, **options):
    config = {"name": name}
    config.update(options)
    return config

def describe(**kwargs):
    return ", ".join(f"{k}={v!r}" for k, v in kwargs.items())

cfg = make_config("service", port=8080, host="0.0.0.0", debug=False, workers=4)
print(cfg)
print(describe(alpha=1, beta="two", gamma=[3], delta=None))
print(list(cfg.keys()))
print(list(cfg.values()))

defaults = {"retries": 3, "timeout": 30, "verbose": False}
overrides = {"timeout": 10, "color": "auto"}
merged = {**defaults, **overrides}
print(merged)

def show(*args, **kwargs):
    print(len(args), "positional;", "keywords:", kwargs)

show(1, 2, 3, z=26, a=1, m=13)
params = dict(sorted(merged.items()))
print(params)
