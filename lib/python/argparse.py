# argparse for mpbox, written from the CPython 3.11 documentation: an
# ArgumentParser with positional and optional arguments (type, default,
# choices, nargs, required, metavar, dest, help), the actions store,
# store_const, store_true, store_false, append, append_const, extend,
# count, help and version, BooleanOptionalAction, argument groups,
# mutually exclusive groups, sub-commands, help and usage text laid out as
# CPython lays them out, and CPython's error messages with exit status 2
# (SystemExit), usage and error on standard error.
#
# In the sandbox sys.argv is [] (a program gets no command line), so
# parse_args() without arguments parses an empty command line: pass a list
# to parse_args() to try options. The program's name (prog) is then
# 'main.py' unless given. Not provided: fromfile_prefix_chars, the
# intermixed parsers, conflict_handler='resolve'.
import os as _os
import sys as _sys

__all__ = ['ArgumentParser', 'ArgumentError', 'ArgumentTypeError', 'BooleanOptionalAction',
           'FileType', 'HelpFormatter', 'ArgumentDefaultsHelpFormatter',
           'RawDescriptionHelpFormatter', 'RawTextHelpFormatter', 'MetavarTypeHelpFormatter',
           'Namespace', 'Action', 'ONE_OR_MORE', 'OPTIONAL', 'PARSER', 'REMAINDER', 'SUPPRESS',
           'ZERO_OR_MORE']

SUPPRESS = '==SUPPRESS=='
OPTIONAL = '?'
ZERO_OR_MORE = '*'
ONE_OR_MORE = '+'
PARSER = 'A...'
REMAINDER = '...'


class Namespace:
    """The parsed values, as attributes."""

    def __init__(self, **kwargs):
        for name in kwargs:
            setattr(self, name, kwargs[name])

    def __repr__(self):
        items = []
        star = {}
        for name, value in self.__dict__.items():
            if name.isidentifier():
                items.append('%s=%r' % (name, value))
            else:
                star[name] = value
        if star:
            items.append('**%r' % (star,))
        return 'Namespace(%s)' % ', '.join(items)

    def __eq__(self, other):
        if not isinstance(other, Namespace):
            return NotImplemented
        return vars(self) == vars(other)

    __hash__ = None

    def __contains__(self, key):
        return key in self.__dict__


class SystemExit(SystemExit):
    # MicroPython's SystemExit has no .code, which programs read after
    # catching argparse's exit (the class keeps the built-in's name)
    @property
    def code(self):
        return self.args[0] if self.args else None


_SystemExit = SystemExit
del SystemExit


class ArgumentError(Exception):
    """An error from an argument: its name and the message."""

    def __init__(self, argument, message):
        self.argument_name = _action_name(argument)
        self.message = message

    def __str__(self):
        if self.argument_name is None:
            return self.message
        return 'argument %s: %s' % (self.argument_name, self.message)


class ArgumentTypeError(Exception):
    """Raised by a type= function to report a bad value."""


def _action_name(action):
    if action is None:
        return None
    if action.option_strings:
        return '/'.join(action.option_strings)
    if action.metavar not in (None, SUPPRESS):
        return action.metavar
    if action.dest not in (None, SUPPRESS):
        return action.dest
    if action.choices:
        return '{' + ','.join(action.choices) + '}'
    return None


# ---------------------------------------------------------------- actions

class Action:
    """An argument: what it takes from the command line and what it does
    with it (__call__ stores it in the namespace)."""

    def __init__(self, option_strings, dest, nargs=None, const=None, default=None, type=None,
                 choices=None, required=False, help=None, metavar=None):
        self.option_strings = option_strings
        self.dest = dest
        self.nargs = nargs
        self.const = const
        self.default = default
        self.type = type
        self.choices = choices
        self.required = required
        self.help = help
        self.metavar = metavar

    def format_usage(self):
        return self.option_strings[0]

    def __repr__(self):
        names = ['option_strings', 'dest', 'nargs', 'const', 'default', 'type', 'choices',
                 'required', 'help', 'metavar']
        return '%s(%s)' % (type(self).__name__,
                           ', '.join('%s=%r' % (n, getattr(self, n)) for n in names))

    def __call__(self, parser, namespace, values, option_string=None):
        raise NotImplementedError('.__call__() not defined')


class _StoreAction(Action):
    def __init__(self, option_strings, dest, nargs=None, const=None, default=None, type=None,
                 choices=None, required=False, help=None, metavar=None):
        if nargs == 0:
            raise ValueError('nargs for store actions must be != 0; if you have nothing to store, '
                             'actions such as store true or store const may be more appropriate')
        if const is not None and nargs != OPTIONAL:
            raise ValueError('nargs must be %r to supply const' % OPTIONAL)
        Action.__init__(self, option_strings, dest, nargs, const, default, type, choices,
                        required, help, metavar)

    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, values)


class _StoreConstAction(Action):
    def __init__(self, option_strings, dest, const=None, default=None, required=False,
                 help=None, metavar=None):
        Action.__init__(self, option_strings, dest, 0, const, default, None, None, required, help)

    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, self.const)


class _StoreTrueAction(_StoreConstAction):
    def __init__(self, option_strings, dest, default=False, required=False, help=None):
        _StoreConstAction.__init__(self, option_strings, dest, True, default, required, help)


class _StoreFalseAction(_StoreConstAction):
    def __init__(self, option_strings, dest, default=True, required=False, help=None):
        _StoreConstAction.__init__(self, option_strings, dest, False, default, required, help)


def _copied_list(items):
    if items is None:
        return []
    if type(items) is list:
        return items[:]
    import copy
    return copy.copy(items)


class _AppendAction(_StoreAction):
    def __call__(self, parser, namespace, values, option_string=None):
        items = _copied_list(getattr(namespace, self.dest, None))
        items.append(values)
        setattr(namespace, self.dest, items)


class _ExtendAction(_AppendAction):
    def __call__(self, parser, namespace, values, option_string=None):
        items = _copied_list(getattr(namespace, self.dest, None))
        items.extend(values)
        setattr(namespace, self.dest, items)


class _AppendConstAction(Action):
    def __init__(self, option_strings, dest, const=None, default=None, required=False,
                 help=None, metavar=None):
        Action.__init__(self, option_strings, dest, 0, const, default, None, None, required,
                        help, metavar)

    def __call__(self, parser, namespace, values, option_string=None):
        items = _copied_list(getattr(namespace, self.dest, None))
        items.append(self.const)
        setattr(namespace, self.dest, items)


class _CountAction(Action):
    def __init__(self, option_strings, dest, default=None, required=False, help=None):
        Action.__init__(self, option_strings, dest, 0, None, default, None, None, required, help)

    def __call__(self, parser, namespace, values, option_string=None):
        count = getattr(namespace, self.dest, None)
        setattr(namespace, self.dest, (count or 0) + 1)


class _HelpAction(Action):
    def __init__(self, option_strings, dest=SUPPRESS, default=SUPPRESS, help=None):
        Action.__init__(self, option_strings, dest, 0, None, default, None, None, False, help)

    def __call__(self, parser, namespace, values, option_string=None):
        parser.print_help()
        parser.exit()


class _VersionAction(Action):
    def __init__(self, option_strings, version=None, dest=SUPPRESS, default=SUPPRESS,
                 help="show program's version number and exit"):
        Action.__init__(self, option_strings, dest, 0, None, default, None, None, False, help)
        self.version = version

    def __call__(self, parser, namespace, values, option_string=None):
        version = self.version
        if version is None:
            version = parser.version
        formatter = parser._get_formatter()
        formatter.add_text(version)
        parser._print_message(formatter.format_help(), _sys.stdout)
        parser.exit()


class BooleanOptionalAction(Action):
    """--flag sets True, --no-flag sets False."""

    def __init__(self, option_strings, dest, default=None, type=None, choices=None,
                 required=False, help=None, metavar=None):
        strings = []
        for s in option_strings:
            strings.append(s)
            if s.startswith('--'):
                strings.append('--no-' + s[2:])
        Action.__init__(self, strings, dest, 0, None, default, type, choices, required, help,
                        metavar)

    def __call__(self, parser, namespace, values, option_string=None):
        if option_string in self.option_strings:
            setattr(namespace, self.dest, not option_string.startswith('--no-'))

    def format_usage(self):
        return ' | '.join(self.option_strings)


class _SubParsersAction(Action):
    """The sub-commands: add_parser(name) gives each its parser."""

    class _ChoicesPseudoAction(Action):
        def __init__(self, name, aliases, help):
            metavar = dest = name
            if aliases:
                metavar += ' (%s)' % ', '.join(aliases)
            Action.__init__(self, [], dest, help=help, metavar=metavar)

    def __init__(self, option_strings, prog, parser_class, dest=SUPPRESS, required=False,
                 help=None, metavar=None):
        self._prog_prefix = prog
        self._parser_class = parser_class
        self._name_parser_map = {}
        self._choices_actions = []
        Action.__init__(self, option_strings, dest, PARSER, None, None, None,
                        self._name_parser_map, required, help, metavar)

    def add_parser(self, name, **kwargs):
        if kwargs.get('prog') is None:
            kwargs['prog'] = '%s %s' % (self._prog_prefix, name)
        aliases = kwargs.pop('aliases', ())
        if name in self._name_parser_map:
            raise ArgumentError(self, 'conflicting subparser: %s' % name)
        for alias in aliases:
            if alias in self._name_parser_map:
                raise ArgumentError(self, 'conflicting subparser alias: %s' % alias)
        if 'help' in kwargs:
            self._choices_actions.append(self._ChoicesPseudoAction(name, aliases,
                                                                   kwargs.pop('help')))
        parser = self._parser_class(**kwargs)
        self._name_parser_map[name] = parser
        for alias in aliases:
            self._name_parser_map[alias] = parser
        return parser

    def _get_subactions(self):
        return self._choices_actions

    def __call__(self, parser, namespace, values, option_string=None):
        name = values[0]
        rest = values[1:]
        if self.dest is not SUPPRESS:
            setattr(namespace, self.dest, name)
        try:
            sub = self._name_parser_map[name]
        except KeyError:
            raise ArgumentError(self, 'unknown parser %r (choices: %s)'
                                % (name, ', '.join(self._name_parser_map)))
        subnamespace, extras = sub.parse_known_args(rest, None)
        for key, value in vars(subnamespace).items():
            setattr(namespace, key, value)
        if extras:
            _unrecognized[id(namespace)] = _unrecognized.get(id(namespace), []) + extras


_unrecognized = {}  # namespace id -> arguments a sub-command did not know

_ACTIONS = {None: _StoreAction, 'store': _StoreAction, 'store_const': _StoreConstAction,
            'store_true': _StoreTrueAction, 'store_false': _StoreFalseAction,
            'append': _AppendAction, 'append_const': _AppendConstAction, 'count': _CountAction,
            'help': _HelpAction, 'version': _VersionAction, 'parsers': _SubParsersAction,
            'extend': _ExtendAction}


class FileType:
    """A type= factory that opens the named file ('-' is stdin/stdout)."""

    def __init__(self, mode='r', bufsize=-1, encoding=None, errors=None):
        self._mode = mode
        self._encoding = encoding
        self._errors = errors

    def __call__(self, string):
        if string == '-':
            return _sys.stdin if 'r' in self._mode else _sys.stdout
        try:
            return open(string, self._mode)
        except OSError as e:
            raise ArgumentTypeError("can't open '%s': %s" % (string, e))

    def __repr__(self):
        return 'FileType(%r)' % (self._mode,)


# ---------------------------------------------------------------- help text

def _fill(text, width, indent):
    # whitespace collapsed, then wrapped to width, each line after indent
    import textwrap
    text = ' '.join(text.split())
    return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent)


class HelpFormatter:
    """Lays out usage and help as CPython does (the width is that of the
    terminal minus 2: COLUMNS, else 80)."""

    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        if width is None:
            import shutil
            width = shutil.get_terminal_size().columns - 2
        self._prog = prog
        self._indent_increment = indent_increment
        self._max_help_position = min(max_help_position, max(width - 20, indent_increment * 2))
        self._width = width
        self._current_indent = 0
        self._action_max_length = 0
        self._parts = []   # (kind, data) in order
        self._sections = []

    # the builder interface the parser uses
    def start_section(self, heading):
        self._sections.append([heading, []])

    def end_section(self):
        heading, items = self._sections.pop()
        self._parts_target().append(('section', (heading, items)))

    def _parts_target(self):
        return self._sections[-1][1] if self._sections else self._parts

    def add_text(self, text):
        if text is not SUPPRESS and text is not None:
            self._parts_target().append(('text', text))

    def add_usage(self, usage, actions, groups, prefix=None):
        if usage is not SUPPRESS:
            self._parts_target().append(('usage', (usage, actions, groups, prefix)))

    def add_argument(self, action):
        if action.help is SUPPRESS:
            return
        # the widest invocation, with its indent (sub-commands one deeper)
        indent = self._indent_increment * len(self._sections)
        length = len(self._format_action_invocation(action)) + indent
        for sub in self._iter_subactions(action):
            length = max(length, len(self._format_action_invocation(sub)) + indent +
                         self._indent_increment)
        self._action_max_length = max(self._action_max_length, length)
        self._parts_target().append(('action', action))

    def add_arguments(self, actions):
        for action in actions:
            self.add_argument(action)

    def _iter_subactions(self, action):
        get = getattr(action, '_get_subactions', None)
        return get() if get else []

    # rendering
    def format_help(self):
        out = self._render(self._parts, 0)
        out = '\n'.join(line.rstrip() if not line.strip() else line for line in out.split('\n'))
        while '\n\n\n' in out:
            out = out.replace('\n\n\n', '\n\n')
        out = out.strip('\n')
        return out + '\n' if out else ''

    def _render(self, parts, indent):
        pieces = []
        for kind, data in parts:
            if kind == 'text':
                pieces.append(self._format_text(data, indent))
            elif kind == 'usage':
                pieces.append(self._format_usage(*data))
            elif kind == 'action':
                pieces.append(self._format_action(data, indent))
            else:
                heading, items = data
                body = self._render(items, indent + self._indent_increment)
                if not body.strip():
                    continue
                head = ' ' * indent + heading + ':\n' if heading not in (SUPPRESS, None) else ''
                pieces.append('\n' + head + body + '\n')
        return ''.join(pieces)

    def _format_text(self, text, indent):
        if '%(prog)' in text:
            text = text % {'prog': self._prog}
        width = max(self._width - indent, 11)
        return self._fill_text(text, width, ' ' * indent) + '\n\n'

    def _fill_text(self, text, width, indent):
        return _fill(text, width, indent)

    def _split_lines(self, text, width):
        import textwrap
        return textwrap.wrap(' '.join(text.split()), width)

    def _format_usage(self, usage, actions, groups, prefix):
        if prefix is None:
            prefix = 'usage: '
        prog = self._prog
        if usage is not None:
            usage = usage % {'prog': prog}
        elif not actions:
            usage = prog
        else:
            optionals = [a for a in actions if a.option_strings]
            positionals = [a for a in actions if not a.option_strings]
            opt_parts = self._usage_parts(optionals, groups)
            pos_parts = self._usage_parts(positionals, groups)
            usage = ' '.join([prog] + opt_parts + pos_parts)
            text_width = self._width - self._current_indent
            if len(prefix) + len(usage) > text_width:
                usage = '\n'.join(self._wrap_usage(prog, prefix, opt_parts, pos_parts, text_width))
        return prefix + usage + '\n\n'

    def _wrap_usage(self, prog, prefix, opt_parts, pos_parts, text_width):
        def lines_of(parts, indent, first_prefix=None):
            lines = []
            line = []
            start = len(first_prefix) - 1 if first_prefix is not None else len(indent) - 1
            used = start
            for part in parts:
                if used + 1 + len(part) > text_width and line:
                    lines.append(indent + ' '.join(line))
                    line = []
                    used = len(indent) - 1
                line.append(part)
                used += len(part) + 1
            if line:
                lines.append(indent + ' '.join(line))
            if first_prefix is not None:
                lines[0] = lines[0][len(indent):]
            return lines

        if len(prefix) + len(prog) <= 0.75 * text_width:
            indent = ' ' * (len(prefix) + len(prog) + 1)
            if opt_parts:
                lines = lines_of([prog] + opt_parts, indent, prefix)
                lines.extend(lines_of(pos_parts, indent))
            elif pos_parts:
                lines = lines_of([prog] + pos_parts, indent, prefix)
            else:
                lines = [prog]
        else:
            indent = ' ' * len(prefix)
            parts = opt_parts + pos_parts
            lines = lines_of(parts, indent)
            if len(lines) > 1:
                lines = lines_of(opt_parts, indent)
                lines.extend(lines_of(pos_parts, indent))
            lines = [prog] + lines
        return lines

    def _usage_parts(self, actions, groups):
        # one part per argument; a mutually exclusive group's members are
        # joined with ' | ' in brackets (parentheses when required)
        parts = []
        done = set()
        for action in actions:
            if id(action) in done:
                continue
            group = None
            for g in groups:
                if action in g._group_actions and len(g._group_actions) > 1:
                    group = g
                    break
            if group is not None and all(a in actions for a in group._group_actions):
                members = [a for a in group._group_actions if a.help is not SUPPRESS]
                for a in group._group_actions:
                    done.add(id(a))
                texts = [self._usage_of(a, True) for a in members]
                if not texts:
                    continue
                if len(texts) == 1 and not group.required:
                    parts.append('[%s]' % texts[0])
                    continue
                body = ' | '.join(texts)
                parts.append(('(%s)' if group.required else '[%s]') % body)
                continue
            done.add(id(action))
            if action.help is SUPPRESS:
                continue
            parts.append(self._usage_of(action, False))
        return [p for p in parts if p]

    def _usage_of(self, action, in_group):
        if not action.option_strings:
            default = self._get_default_metavar_for_positional(action)
            part = self._format_args(action, default)
            if in_group and part[:1] == '[' and part[-1:] == ']':
                part = part[1:-1]
            return part
        option = action.format_usage()
        if action.nargs == 0:
            part = option
        else:
            default = self._get_default_metavar_for_optional(action)
            part = '%s %s' % (option, self._format_args(action, default))
        if not action.required and not in_group:
            part = '[%s]' % part
        return part

    def _metavar_formatter(self, action, default_metavar):
        if action.metavar is not None:
            result = action.metavar
        elif action.choices is not None:
            result = '{%s}' % ','.join(str(c) for c in action.choices)
        else:
            result = default_metavar

        def format(tuple_size):
            if isinstance(result, tuple):
                return result
            return (result,) * tuple_size
        return format

    def _format_args(self, action, default_metavar):
        get = self._metavar_formatter(action, default_metavar)
        nargs = action.nargs
        if nargs is None:
            return '%s' % get(1)
        if nargs == OPTIONAL:
            return '[%s]' % get(1)
        if nargs == ZERO_OR_MORE:
            metavar = get(1)
            if len(metavar) == 2:
                return '[%s [%s ...]]' % metavar
            return '[%s ...]' % metavar
        if nargs == ONE_OR_MORE:
            return '%s [%s ...]' % get(2)
        if nargs == REMAINDER:
            return '...'
        if nargs == PARSER:
            return '%s ...' % get(1)
        if nargs == SUPPRESS:
            return ''
        try:
            formats = ['%s' for _ in range(nargs)]
        except TypeError:
            raise ValueError('invalid nargs value') from None
        return ' '.join(formats) % get(nargs)

    def _get_default_metavar_for_optional(self, action):
        return action.dest.upper()

    def _get_default_metavar_for_positional(self, action):
        return action.dest

    def _format_action_invocation(self, action):
        if not action.option_strings:
            default = self._get_default_metavar_for_positional(action)
            return self._metavar_formatter(action, default)(1)[0]
        if action.nargs == 0:
            return ', '.join(action.option_strings)
        default = self._get_default_metavar_for_optional(action)
        args = self._format_args(action, default)
        return ', '.join('%s %s' % (s, args) for s in action.option_strings)

    def _expand_help(self, action):
        params = dict(vars(action), prog=self._prog)
        for name in list(params):
            if params[name] is SUPPRESS:
                del params[name]
        for name in list(params):
            if hasattr(params[name], '__name__'):
                params[name] = params[name].__name__
        if params.get('choices') is not None:
            params['choices'] = ', '.join(str(c) for c in params['choices'])
        return self._get_help_string(action) % params

    def _get_help_string(self, action):
        return action.help

    def _format_action(self, action, indent):
        help_position = min(self._action_max_length + 2, self._max_help_position)
        help_width = max(self._width - help_position, 11)
        action_width = help_position - indent - 2
        header = self._format_action_invocation(action)
        if not action.help:
            lines = [' ' * indent + header + '\n']
        elif len(header) <= action_width:
            lines = [' ' * indent + header.ljust(action_width) + '  ']
            first = True
        else:
            lines = [' ' * indent + header + '\n']
            first = False
        if action.help and action.help.strip():
            help_lines = self._split_lines(self._expand_help(action), help_width)
            if help_lines:
                if len(header) <= action_width:
                    lines[0] += help_lines[0] + '\n'
                    rest = help_lines[1:]
                else:
                    rest = help_lines
                for line in rest:
                    lines.append(' ' * help_position + line + '\n')
        elif len(lines) == 1 and not lines[0].endswith('\n'):
            lines[0] = lines[0].rstrip() + '\n'
        for sub in self._iter_subactions(action):
            lines.append(self._format_action(sub, indent + self._indent_increment))
        return ''.join(lines)


class RawDescriptionHelpFormatter(HelpFormatter):
    """Keeps the description's and epilog's line breaks."""

    def _fill_text(self, text, width, indent):
        return ''.join(indent + line for line in text.splitlines(True))


class RawTextHelpFormatter(RawDescriptionHelpFormatter):
    """Keeps the line breaks of every help text."""

    def _split_lines(self, text, width):
        return text.splitlines()


class ArgumentDefaultsHelpFormatter(HelpFormatter):
    """Adds '(default: ...)' to each argument's help."""

    def _get_help_string(self, action):
        help = action.help
        if help is None:
            help = ''
        if '%(default)' not in help and action.default is not SUPPRESS:
            if action.option_strings or action.nargs in (OPTIONAL, ZERO_OR_MORE):
                help += ' (default: %(default)s)'
        return help


class MetavarTypeHelpFormatter(HelpFormatter):
    """Names each argument's value by its type."""

    def _get_default_metavar_for_optional(self, action):
        return action.type.__name__

    def _get_default_metavar_for_positional(self, action):
        return action.type.__name__


# ---------------------------------------------------------------- groups

class _ActionsContainer:
    def __init__(self, description, prefix_chars, argument_default):
        self.description = description
        self.prefix_chars = prefix_chars
        self.argument_default = argument_default
        self._defaults = {}

    def register(self, registry_name, value, object):
        if registry_name == 'action':
            _ACTIONS[value] = object

    def set_defaults(self, **kwargs):
        self._defaults.update(kwargs)
        for action in self._actions:
            if action.dest in kwargs:
                action.default = kwargs[action.dest]

    def get_default(self, dest):
        for action in self._actions:
            if action.dest == dest and action.default is not None:
                return action.default
        return self._defaults.get(dest, None)

    def add_argument(self, *args, **kwargs):
        """Add an argument: a name ('x') for a positional one, option
        strings ('-x', '--xx') for an optional one."""
        chars = self.prefix_chars
        if not args or len(args) == 1 and args[0] and args[0][0] not in chars:
            if args and 'dest' in kwargs:
                raise ValueError('dest supplied twice for positional argument')
            kwargs = self._positional_kwargs(*args, **kwargs)
        else:
            kwargs = self._optional_kwargs(*args, **kwargs)
        if 'default' not in kwargs:
            dest = kwargs['dest']
            if dest in self._defaults:
                kwargs['default'] = self._defaults[dest]
            elif self.argument_default is not None:
                kwargs['default'] = self.argument_default
        action_class = kwargs.pop('action', None)
        if not callable(action_class):
            if action_class not in _ACTIONS:
                raise ValueError('unknown action "%s"' % (action_class,))
            action_class = _ACTIONS[action_class]
        type_func = kwargs.get('type')
        if type_func is not None and not callable(type_func):
            raise ValueError('%r is not callable' % (type_func,))
        action = action_class(**kwargs)
        if hasattr(self, '_get_formatter'):
            try:
                self._get_formatter()._format_args(action, None)
            except TypeError:
                raise ValueError('length of metavar tuple does not match nargs')
        return self._add_action(action)

    def _positional_kwargs(self, dest, **kwargs):
        if 'required' in kwargs:
            raise TypeError("'required' is an invalid argument for positionals")
        # required unless it may take nothing ('*' only with a default)
        nargs = kwargs.get('nargs')
        if nargs not in (OPTIONAL, ZERO_OR_MORE, REMAINDER, SUPPRESS) or \
                (nargs == ZERO_OR_MORE and 'default' not in kwargs):
            kwargs['required'] = True
        return dict(kwargs, dest=dest, option_strings=[])

    def _optional_kwargs(self, *args, **kwargs):
        option_strings = []
        long_strings = []
        for s in args:
            if not s or s[0] not in self.prefix_chars:
                raise ValueError('invalid option string %r: must start with a character %r'
                                 % (s, self.prefix_chars))
            option_strings.append(s)
            if len(s) > 1 and s[1] in self.prefix_chars:
                long_strings.append(s)
        dest = kwargs.pop('dest', None)
        if dest is None:
            first = long_strings[0] if long_strings else option_strings[0]
            dest = first.lstrip(self.prefix_chars)
            if not dest:
                raise ValueError('dest= is required for options like %r' % (first,))
            dest = dest.replace('-', '_')
        return dict(kwargs, dest=dest, option_strings=option_strings)

    def _add_action(self, action):
        for s in action.option_strings:
            if s in self._option_string_actions:
                raise ArgumentError(action, 'conflicting option string: %s' % s)
        self._actions.append(action)
        action.container = self
        for s in action.option_strings:
            self._option_string_actions[s] = action
            if _looks_negative(s):
                self._has_negative_number_optionals.append(True)
        return action

    def add_argument_group(self, *args, **kwargs):
        group = _ArgumentGroup(self, *args, **kwargs)
        self._action_groups.append(group)
        return group

    def add_mutually_exclusive_group(self, **kwargs):
        group = _MutuallyExclusiveGroup(self, **kwargs)
        self._mutually_exclusive_groups.append(group)
        return group


def _looks_negative(s):
    if not s.startswith('-') or len(s) < 2:
        return False
    body = s[1:]
    if body.isdigit():
        return True
    whole, dot, frac = body.partition('.')
    return bool(dot) and (whole == '' or whole.isdigit()) and frac.isdigit()


class _ArgumentGroup(_ActionsContainer):
    def __init__(self, container, title=None, description=None, **kwargs):
        _ActionsContainer.__init__(self, description, container.prefix_chars,
                                   container.argument_default)
        self.title = title
        self._group_actions = []
        self._container = container
        self._actions = container._actions
        self._option_string_actions = container._option_string_actions
        self._defaults = container._defaults
        self._has_negative_number_optionals = container._has_negative_number_optionals
        self._mutually_exclusive_groups = container._mutually_exclusive_groups
        self._action_groups = container._action_groups

    def _add_action(self, action):
        action = _ActionsContainer._add_action(self, action)
        self._group_actions.append(action)
        return action


class _MutuallyExclusiveGroup(_ArgumentGroup):
    def __init__(self, container, required=False):
        _ArgumentGroup.__init__(self, container)
        self.required = required

    def _add_action(self, action):
        if action.required:
            raise ValueError('mutually exclusive arguments must be optional')
        action = self._container._add_action(action)
        self._group_actions.append(action)
        return action


# ---------------------------------------------------------------- the parser

class ArgumentParser(_ActionsContainer):
    """Parses a command line into a Namespace, and prints usage, help and
    errors as CPython's argparse does."""

    def __init__(self, prog=None, usage=None, description=None, epilog=None, parents=[],
                 formatter_class=HelpFormatter, prefix_chars='-', fromfile_prefix_chars=None,
                 argument_default=None, conflict_handler='error', add_help=True,
                 allow_abbrev=True, exit_on_error=True):
        _ActionsContainer.__init__(self, description, prefix_chars, argument_default)
        if prog is None:
            argv0 = _sys.argv[0] if _sys.argv else ''
            prog = _os.path.basename(argv0) if argv0 else 'main.py'
        if fromfile_prefix_chars is not None:
            raise NotImplementedError('argparse in mpbox: fromfile_prefix_chars is not supported')
        self.prog = prog
        self.usage = usage
        self.epilog = epilog
        self.formatter_class = formatter_class
        self.fromfile_prefix_chars = fromfile_prefix_chars
        self.add_help = add_help
        self.allow_abbrev = allow_abbrev
        self.exit_on_error = exit_on_error
        self.conflict_handler = conflict_handler
        self._actions = []
        self._option_string_actions = {}
        self._action_groups = []
        self._mutually_exclusive_groups = []
        self._has_negative_number_optionals = []
        self._subparsers = None
        self._positionals = self.add_argument_group('positional arguments')
        self._optionals = self.add_argument_group('options')
        default_prefix = '-' if '-' in prefix_chars else prefix_chars[0]
        if add_help:
            self.add_argument(default_prefix + 'h', default_prefix * 2 + 'help', action='help',
                              default=SUPPRESS, help='show this help message and exit')
        for parent in parents:
            for action in parent._actions:
                if isinstance(action, _HelpAction):
                    continue
                self._add_action(action)
            self._defaults.update(parent._defaults)

    def _add_action(self, action):
        if action.option_strings:
            self._optionals._add_action(action)
        else:
            self._positionals._add_action(action)
        return action

    def add_subparsers(self, **kwargs):
        """The sub-commands' action: call add_parser(name, ...) on it."""
        if self._subparsers is not None:
            self.error('cannot have multiple subparser arguments')
        kwargs.setdefault('parser_class', type(self))
        if 'title' in kwargs or 'description' in kwargs:
            title = kwargs.pop('title', 'subcommands')
            description = kwargs.pop('description', None)
            self._subparsers = self.add_argument_group(title, description)
        else:
            self._subparsers = self._positionals
        if kwargs.get('prog') is None:
            formatter = self._get_formatter()
            positionals = [a for a in self._actions if not a.option_strings]
            groups = self._mutually_exclusive_groups
            formatter.add_usage(self.usage, positionals, groups, '')
            kwargs['prog'] = formatter.format_help().strip()
        action = _SubParsersAction(option_strings=[], **kwargs)
        self._subparsers._add_action(action)
        return action

    # -- output
    def _get_formatter(self):
        return self.formatter_class(prog=self.prog)

    def format_usage(self):
        formatter = self._get_formatter()
        formatter.add_usage(self.usage, self._actions, self._mutually_exclusive_groups)
        return formatter.format_help()

    def format_help(self):
        formatter = self._get_formatter()
        formatter.add_usage(self.usage, self._actions, self._mutually_exclusive_groups)
        formatter.add_text(self.description)
        for group in self._action_groups:
            formatter.start_section(group.title)
            formatter.add_text(group.description)
            formatter.add_arguments(group._group_actions)
            formatter.end_section()
        formatter.add_text(self.epilog)
        return formatter.format_help()

    def print_usage(self, file=None):
        self._print_message(self.format_usage(), file or _sys.stdout)

    def print_help(self, file=None):
        self._print_message(self.format_help(), file or _sys.stdout)

    def _print_message(self, message, file=None):
        if message:
            if file is None:
                file = _sys.stderr
            # print() rather than file.write(): contextlib's redirections
            # catch print() in the sandbox
            print(message, end='', file=file)

    def exit(self, status=0, message=None):
        if message:
            self._print_message(message, _sys.stderr)
        raise _SystemExit(status)

    def error(self, message):
        """Print the usage and the message to standard error and exit with
        status 2."""
        self.print_usage(_sys.stderr)
        self.exit(2, '%s: error: %s\n' % (self.prog, message))

    # -- parsing
    def parse_args(self, args=None, namespace=None):
        args, argv = self.parse_known_args(args, namespace)
        if argv:
            self.error('unrecognized arguments: %s' % ' '.join(argv))
        return args

    def parse_known_args(self, args=None, namespace=None):
        if args is None:
            args = _sys.argv[1:]
        else:
            args = list(args)
        if namespace is None:
            namespace = Namespace()
        for action in self._actions:
            if action.dest is not SUPPRESS and not hasattr(namespace, action.dest) and \
                    action.default is not SUPPRESS:
                setattr(namespace, action.dest, action.default)
        for dest in self._defaults:
            if not hasattr(namespace, dest):
                setattr(namespace, dest, self._defaults[dest])
        if self.exit_on_error:
            try:
                namespace, extras = self._parse_known_args(args, namespace)
            except ArgumentError as err:
                self.error(str(err))
        else:
            namespace, extras = self._parse_known_args(args, namespace)
        more = _unrecognized.pop(id(namespace), None)
        if more:
            extras = extras + more
        return namespace, extras

    def _classify(self, arg):
        # None for a positional value, else (action or None, option, explicit value)
        if not arg or arg[0] not in self.prefix_chars:
            return None
        if arg in self._option_string_actions:
            return (self._option_string_actions[arg], arg, None)
        if len(arg) == 1:
            return None
        if '=' in arg:
            option, _, explicit = arg.partition('=')
            if option in self._option_string_actions:
                return (self._option_string_actions[option], option, explicit)
        matches = self._prefix_matches(arg)
        if len(matches) > 1:
            options = ', '.join(m[1] for m in matches)
            raise ArgumentError(None, 'ambiguous option: %s could match %s'
                                % (arg.partition('=')[0], options))
        if len(matches) == 1:
            return matches[0]
        if _looks_negative(arg) and not self._has_negative_number_optionals:
            return None
        if ' ' in arg:
            return None
        return (None, arg, None)

    def _prefix_matches(self, arg):
        chars = self.prefix_chars
        out = []
        if arg[0] in chars and len(arg) > 1 and arg[1] in chars:
            if not self.allow_abbrev:
                return out
            option, eq, explicit = arg.partition('=')
            for s, action in self._option_string_actions.items():
                if s.startswith(option):
                    out.append((action, s, explicit if eq else None))
        elif arg[0] in chars:
            # -xVALUE: the single-character option and its value
            short = arg[:2]
            if short in self._option_string_actions:
                out.append((self._option_string_actions[short], short, arg[2:]))
            elif self.allow_abbrev:
                option, eq, explicit = arg.partition('=')
                for s, action in self._option_string_actions.items():
                    if len(s) > 2 and s[1] not in chars and s.startswith(option):
                        out.append((action, s, explicit if eq else None))
        return out

    def _parse_known_args(self, args, namespace):
        # each argument classified: 'O' an option, 'A' a value; '--' ends options
        kinds = []
        found = {}
        seen_double_dash = False
        values = []
        for i, arg in enumerate(args):
            if seen_double_dash:
                kinds.append('A')
            elif arg == '--':
                seen_double_dash = True
                kinds.append('-')
            else:
                info = self._classify(arg)
                if info is None:
                    kinds.append('A')
                else:
                    kinds.append('O')
                    found[i] = info
            values.append(arg)

        seen = set()
        seen_non_default = set()
        extras = []
        conflicts = {}
        for group in self._mutually_exclusive_groups:
            for action in group._group_actions:
                conflicts.setdefault(action, []).extend(
                    a for a in group._group_actions if a is not action)

        def take(action, arg_strings, option_string=None):
            seen.add(action)
            value = self._get_values(action, arg_strings)
            if value is not action.default:
                seen_non_default.add(action)
                for other in conflicts.get(action, ()):
                    if other in seen_non_default:
                        raise ArgumentError(action, 'not allowed with argument %s'
                                            % _action_name(other))
            if value is not SUPPRESS:
                action(self, namespace, value, option_string)

        positionals = [a for a in self._actions if not a.option_strings]

        def a_run(start):
            # the number of values from start up to the next option
            n = 0
            while start + n < len(kinds) and kinds[start + n] in ('A', '-'):
                n += 1
            return n

        def consume_positionals(start):
            run = a_run(start)
            strings = [v for k, v in zip(kinds[start:start + run], values[start:start + run])
                       if k == 'A']
            counts = self._match_positionals(positionals, len(strings), start + run >= len(kinds))
            pos = 0
            for action, count in zip(positionals[:len(counts)], counts):
                args_ = strings[pos:pos + count]
                if action.nargs == PARSER:
                    # a sub-command takes everything after it
                    args_ = strings[pos:] + values[start + run:]
                    take(action, args_)
                    del positionals[:len(counts)]
                    return len(kinds)
                if action.nargs == REMAINDER:
                    args_ = strings[pos:] + values[start + run:]
                    take(action, args_)
                    del positionals[:len(counts)]
                    return len(kinds)
                pos += count
                take(action, args_)
            del positionals[:len(counts)]
            # what the positionals did not take is extra
            extras.extend(strings[pos:])
            return start + run

        i = 0
        while i < len(kinds):
            if kinds[i] != 'O':
                i = consume_positionals(i)
                continue
            action, option_string, explicit = found[i]
            i += 1
            if action is None:
                extras.append(values[i - 1])
                continue
            while True:
                if explicit is not None:
                    if action.nargs == 0:
                        # -vq: flags that take nothing, joined
                        if option_string[1:2] not in self.prefix_chars and explicit:
                            take(action, [], option_string)
                            nxt = self.prefix_chars[0] + explicit[0]
                            rest = explicit[1:] or None
                            if nxt in self._option_string_actions:
                                action = self._option_string_actions[nxt]
                                option_string = nxt
                                explicit = rest
                                continue
                            raise ArgumentError(action, 'ignored explicit argument %r' % explicit)
                        raise ArgumentError(action, 'ignored explicit argument %r' % explicit)
                    if action.nargs in (None, OPTIONAL, ZERO_OR_MORE, ONE_OR_MORE, 1) or \
                            action.nargs == REMAINDER:
                        take(action, [explicit], option_string)
                        break
                    raise ArgumentError(action, 'expected %s' % _expected(action.nargs))
                run = a_run(i)
                avail = [v for k, v in zip(kinds[i:i + run], values[i:i + run]) if k == 'A']
                count = self._match_optional(action, len(avail))
                used = 0
                got = 0
                while got < count:
                    if kinds[i + used] == 'A':
                        got += 1
                    used += 1
                take(action, avail[:count], option_string)
                i += used
                break

        # required arguments not given, exclusive groups required
        required = []
        for action in self._actions:
            if action not in seen:
                if action.required:
                    required.append(_action_name(action))
                elif action.default is not None and isinstance(action.default, str) and \
                        hasattr(namespace, action.dest) and \
                        action.default is getattr(namespace, action.dest):
                    setattr(namespace, action.dest, self._get_value(action, action.default))
        if required:
            raise ArgumentError(None, 'the following arguments are required: %s'
                                % ', '.join(required))
        for group in self._mutually_exclusive_groups:
            if group.required and not any(a in seen_non_default for a in group._group_actions):
                names = [_action_name(a) for a in group._group_actions if a.help is not SUPPRESS]
                raise ArgumentError(None, 'one of the arguments %s is required' % ' '.join(names))
        return namespace, extras

    def _match_positionals(self, actions, n, at_end):
        # as many leading positionals as can take values from a run of n
        # (each as many as it can, leaving the later ones their minimum)
        def bounds(action):
            nargs = action.nargs
            if nargs is None:
                return 1, 1
            if nargs == OPTIONAL:
                return 0, 1
            if nargs == ZERO_OR_MORE:
                return 0, n
            if nargs == ONE_OR_MORE:
                return 1, n
            if nargs in (PARSER,):
                return 1, n
            if nargs == REMAINDER:
                return 0, n
            return nargs, nargs
        for k in range(len(actions), 0, -1):
            chosen = actions[:k]
            mins = [bounds(a)[0] for a in chosen]
            if sum(mins) > n:
                continue
            counts = []
            left = n
            for j, action in enumerate(chosen):
                lo, hi = bounds(action)
                c = min(hi, left - sum(mins[j + 1:]))
                counts.append(c)
                left -= c
            return counts
        return []

    def _match_optional(self, action, n):
        nargs = action.nargs
        if nargs is None:
            if n < 1:
                raise ArgumentError(action, 'expected one argument')
            return 1
        if nargs == OPTIONAL:
            return min(n, 1)
        if nargs in (ZERO_OR_MORE, REMAINDER):
            return n
        if nargs == ONE_OR_MORE:
            if n < 1:
                raise ArgumentError(action, 'expected at least one argument')
            return n
        if nargs == PARSER:
            return n
        if n < nargs:
            raise ArgumentError(action, 'expected %s' % _expected(nargs))
        return nargs

    def _get_values(self, action, arg_strings):
        if not arg_strings and action.nargs == OPTIONAL:
            value = action.const if action.option_strings else action.default
            if isinstance(value, str):
                value = self._get_value(action, value)
                self._check_value(action, value)
        elif not arg_strings and action.nargs == ZERO_OR_MORE and not action.option_strings:
            value = action.default if action.default is not None else arg_strings
            self._check_value(action, value)
        elif len(arg_strings) == 1 and action.nargs in (None, OPTIONAL):
            value = self._get_value(action, arg_strings[0])
            self._check_value(action, value)
        elif action.nargs == REMAINDER:
            value = [self._get_value(action, v) for v in arg_strings]
        elif action.nargs == PARSER:
            value = [self._get_value(action, v) for v in arg_strings]
            self._check_value(action, value[0])
        elif action.nargs == SUPPRESS:
            value = SUPPRESS
        else:  # a list (empty for the actions that take nothing)
            value = [self._get_value(action, v) for v in arg_strings]
            for v in value:
                self._check_value(action, v)
        return value

    def _get_value(self, action, arg_string):
        type_func = action.type
        if type_func is None:
            return arg_string
        if not callable(type_func):
            raise ArgumentError(action, '%r is not callable' % (type_func,))
        try:
            return type_func(arg_string)
        except ArgumentTypeError as err:
            raise ArgumentError(action, str(err))
        except (TypeError, ValueError):
            name = getattr(type_func, '__name__', repr(type_func))
            raise ArgumentError(action, 'invalid %s value: %r' % (name, arg_string))

    def _check_value(self, action, value):
        if action.choices is not None and value not in action.choices:
            choices = ', '.join(repr(c) for c in action.choices)
            raise ArgumentError(action, 'invalid choice: %r (choose from %s)' % (value, choices))


def _expected(nargs):
    return '%d argument%s' % (nargs, '' if nargs == 1 else 's')
