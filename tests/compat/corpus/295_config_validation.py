"""Validate application configuration: typed schema, defaults, environment overrides, error summary."""
import json
import os
from dataclasses import dataclass, field, fields, MISSING
from typing import Any, Dict, List, Optional, Union, get_type_hints


@dataclass
class DatabaseConfig:
    host: str
    port: int = 5432
    user: str = "app"
    password: Optional[str] = None
    pool_size: int = 5


@dataclass
class AppConfig:
    name: str
    debug: bool = False
    workers: int = 4
    allowed_hosts: List[str] = field(default_factory=lambda: ["localhost"])
    db: Optional[DatabaseConfig] = None
    timeout: Union[int, float] = 30


class ConfigError(ValueError):
    def __init__(self, problems: List[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} configuration problem(s)")


def coerce(value: Any, typ: Any, path: str, problems: List[str]):
    origin = getattr(typ, "__origin__", None)
    if origin is Union:
        options = [t for t in typ.__args__ if t is not type(None)]
        if value is None and len(options) < len(typ.__args__):
            return None
        for opt in options:
            if isinstance(value, opt) and not (opt is int and isinstance(value, bool)):
                return value
        if len(options) == 1:
            return coerce(value, options[0], path, problems)
        problems.append(f"{path}: expected one of {[t.__name__ for t in options]}, got {type(value).__name__}")
        return value
    if origin is list:
        if not isinstance(value, list):
            problems.append(f"{path}: expected list, got {type(value).__name__}")
            return value
        return [coerce(v, typ.__args__[0], f"{path}[{i}]", problems) for i, v in enumerate(value)]
    if isinstance(typ, type) and hasattr(typ, "__dataclass_fields__"):
        return build(typ, value, path, problems)
    if typ is bool and isinstance(value, str):
        return value.lower() in {"1", "true", "yes", "on"}
    if typ is int and isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    if not isinstance(value, typ):
        problems.append(f"{path}: expected {typ.__name__}, got {type(value).__name__} ({value!r})")
    return value


def build(cls, data: Dict[str, Any], path: str, problems: List[str]):
    hints = get_type_hints(cls)
    kwargs = {}
    for f in fields(cls):
        key = f"{path}.{f.name}" if path else f.name
        if f.name in data:
            kwargs[f.name] = coerce(data[f.name], hints[f.name], key, problems)
        elif f.default is MISSING and f.default_factory is MISSING:
            problems.append(f"{key}: required")
    unknown = sorted(set(data) - {f.name for f in fields(cls)})
    problems.extend(f"{path + '.' if path else ''}{k}: unknown key" for k in unknown)
    return cls(**kwargs) if not any(p.endswith("required") for p in problems) else None


def load(text: str, env: Dict[str, str]) -> AppConfig:
    data = json.loads(text)
    for key, value in env.items():
        if key.startswith("APP_"):
            data[key[4:].lower()] = value
    problems: List[str] = []
    cfg = build(AppConfig, data, "", problems)
    if problems:
        raise ConfigError(problems)
    return cfg


def main():
    good = '{"name": "svc", "workers": 8, "db": {"host": "db.local", "port": 6543}, "allowed_hosts": ["a", "b"]}'
    cfg = load(good, {"APP_DEBUG": "yes", "HOME": "/root"})
    print(cfg)
    print(cfg.db.port, cfg.debug, cfg.timeout, os.path.join("etc", cfg.name, "config.json"))
    bad = '{"workers": "many", "db": {"port": "x", "pool": 3}, "allowed_hosts": [1, "ok"], "timeout": "soon", "colour": 1}'
    try:
        load(bad, {"APP_WORKERS": "12"})
    except ConfigError as e:
        print(f"{e}:")
        for p in e.problems:
            print("  -", p)
    print(get_type_hints(DatabaseConfig))
    print([(f.name, "required" if f.default is MISSING else f.default) for f in fields(DatabaseConfig)])


if __name__ == "__main__":
    main()
