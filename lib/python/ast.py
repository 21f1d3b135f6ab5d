# ast for mpbox, written from the CPython 3.11 documentation and the
# language reference: parse() builds CPython's node classes (with their
# field names, optional fields and locations) for expressions and
# statements; literal_eval, dump (CPython's text), walk, NodeVisitor,
# NodeTransformer, iter_fields, iter_child_nodes, get_docstring,
# copy_location, fix_missing_locations, increment_lineno.
# MicroPython has no ast of its own: this is a parser written in Python
# over the tokenizer of the source rewriter (lib/python/_mpbox_rewrite.py).
# Not here: match statements in parse() (SyntaxError), type comments,
# unparse(), compile() of a tree.
from _mpbox_rewrite import tokenize as _tokenize, _fstring_field_end as _field_end

PyCF_ONLY_AST = 1024
PyCF_TYPE_COMMENTS = 4096
PyCF_ALLOW_TOP_LEVEL_AWAIT = 8192


class AST:
    _fields = ()
    _attributes = ()

    def __init__(self, *args, **kwargs):
        if len(args) > len(self._fields):
            raise TypeError('%s constructor takes at most %d positional argument%s'
                            % (type(self).__name__, len(self._fields), '' if len(self._fields) == 1 else 's'))
        for name, value in zip(self._fields, args):
            setattr(self, name, value)
        for name, value in kwargs.items():
            setattr(self, name, value)


_OPTIONAL = {}


def _node(name, fields, base=AST, attributes=('lineno', 'col_offset', 'end_lineno', 'end_col_offset'),
          optional=()):
    cls = type(name, (base,), {'__module__': 'ast', '_fields': tuple(fields.split()) if fields else (),
                               '_attributes': attributes if fields is not None else ()})
    for f in optional:
        setattr(cls, f, None)
    globals()[name] = cls
    return cls


class mod(AST):
    pass


class stmt(AST):
    _attributes = ('lineno', 'col_offset', 'end_lineno', 'end_col_offset')


class expr(AST):
    _attributes = ('lineno', 'col_offset', 'end_lineno', 'end_col_offset')


class expr_context(AST):
    pass


class boolop(AST):
    pass


class operator(AST):
    pass


class unaryop(AST):
    pass


class cmpop(AST):
    pass


class excepthandler(AST):
    _attributes = ('lineno', 'col_offset', 'end_lineno', 'end_col_offset')


_NOLOC = ()
for _n, _f in [('Module', 'body type_ignores'), ('Interactive', 'body'), ('Expression', 'body'),
               ('FunctionType', 'argtypes returns')]:
    _node(_n, _f, mod, _NOLOC)
for _n, _f, _o in [
        ('FunctionDef', 'name args body decorator_list returns type_comment', ('returns', 'type_comment')),
        ('AsyncFunctionDef', 'name args body decorator_list returns type_comment', ('returns', 'type_comment')),
        ('ClassDef', 'name bases keywords body decorator_list', ()),
        ('Return', 'value', ('value',)), ('Delete', 'targets', ()),
        ('Assign', 'targets value type_comment', ('type_comment',)),
        ('AugAssign', 'target op value', ()), ('AnnAssign', 'target annotation value simple', ('value',)),
        ('For', 'target iter body orelse type_comment', ('type_comment',)),
        ('AsyncFor', 'target iter body orelse type_comment', ('type_comment',)),
        ('While', 'test body orelse', ()), ('If', 'test body orelse', ()),
        ('With', 'items body type_comment', ('type_comment',)),
        ('AsyncWith', 'items body type_comment', ('type_comment',)),
        ('Match', 'subject cases', ()), ('Raise', 'exc cause', ('exc', 'cause')),
        ('Try', 'body handlers orelse finalbody', ()), ('TryStar', 'body handlers orelse finalbody', ()),
        ('Assert', 'test msg', ('msg',)), ('Import', 'names', ()),
        ('ImportFrom', 'module names level', ('module', 'level')), ('Global', 'names', ()),
        ('Nonlocal', 'names', ()), ('Expr', 'value', ()), ('Pass', '', ()), ('Break', '', ()),
        ('Continue', '', ())]:
    _node(_n, _f, stmt, optional=_o)
for _n, _f, _o in [
        ('BoolOp', 'op values', ()), ('NamedExpr', 'target value', ()), ('BinOp', 'left op right', ()),
        ('UnaryOp', 'op operand', ()), ('Lambda', 'args body', ()), ('IfExp', 'test body orelse', ()),
        ('Dict', 'keys values', ()), ('Set', 'elts', ()), ('ListComp', 'elt generators', ()),
        ('SetComp', 'elt generators', ()), ('DictComp', 'key value generators', ()),
        ('GeneratorExp', 'elt generators', ()), ('Await', 'value', ()), ('Yield', 'value', ('value',)),
        ('YieldFrom', 'value', ()), ('Compare', 'left ops comparators', ()),
        ('Call', 'func args keywords', ()), ('FormattedValue', 'value conversion format_spec', ('format_spec',)),
        ('JoinedStr', 'values', ()), ('Constant', 'value kind', ('kind',)),
        ('Attribute', 'value attr ctx', ()), ('Subscript', 'value slice ctx', ()),
        ('Starred', 'value ctx', ()), ('Name', 'id ctx', ()), ('List', 'elts ctx', ()),
        ('Tuple', 'elts ctx', ()), ('Slice', 'lower upper step', ('lower', 'upper', 'step'))]:
    _node(_n, _f, expr, optional=_o)
for _n in ['Load', 'Store', 'Del']:
    _node(_n, '', expr_context, _NOLOC)
for _n in ['And', 'Or']:
    _node(_n, '', boolop, _NOLOC)
for _n in ['Add', 'Sub', 'Mult', 'MatMult', 'Div', 'Mod', 'Pow', 'LShift', 'RShift', 'BitOr', 'BitXor',
           'BitAnd', 'FloorDiv']:
    _node(_n, '', operator, _NOLOC)
for _n in ['Invert', 'Not', 'UAdd', 'USub']:
    _node(_n, '', unaryop, _NOLOC)
for _n in ['Eq', 'NotEq', 'Lt', 'LtE', 'Gt', 'GtE', 'Is', 'IsNot', 'In', 'NotIn']:
    _node(_n, '', cmpop, _NOLOC)
_node('comprehension', 'target iter ifs is_async', AST, _NOLOC)
_node('ExceptHandler', 'type name body', excepthandler, optional=('type', 'name'))
_node('arguments', 'posonlyargs args vararg kwonlyargs kw_defaults kwarg defaults', AST, _NOLOC,
      optional=('vararg', 'kwarg'))
_node('arg', 'arg annotation type_comment', AST, optional=('annotation', 'type_comment'))
_node('keyword', 'arg value', AST, optional=('arg',))
_node('alias', 'name asname', AST, optional=('asname',))
_node('withitem', 'context_expr optional_vars', AST, _NOLOC, optional=('optional_vars',))
_node('TypeIgnore', 'lineno tag', AST, _NOLOC)


_BINOPS = {'+': Add, '-': Sub, '*': Mult, '@': MatMult, '/': Div, '%': Mod, '**': Pow, '<<': LShift,
           '>>': RShift, '|': BitOr, '^': BitXor, '&': BitAnd, '//': FloorDiv}
_AUGOPS = {op + '=': cls for op, cls in _BINOPS.items()}
_CMPOPS = {'==': Eq, '!=': NotEq, '<': Lt, '<=': LtE, '>': Gt, '>=': GtE}
_KEYWORDS = frozenset(('False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class',
                       'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from',
                       'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass',
                       'raise', 'return', 'try', 'while', 'with', 'yield'))


class _Parser:
    def __init__(self, src, filename):
        self.src = src
        self.filename = filename
        self.toks = _tokenize(src)
        self.pos = 0
        starts = [0]
        i = src.find('\n')
        while i >= 0:
            starts.append(i + 1)
            i = src.find('\n', i + 1)
        self.line_starts = starts

    # ---- positions and errors ----

    def _loc(self, offset):
        lo, hi = 0, len(self.line_starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.line_starts[mid] <= offset:
                lo = mid + 1
            else:
                hi = mid
        line = lo
        col = offset - self.line_starts[line - 1]
        return line, len(self.src[self.line_starts[line - 1]:self.line_starts[line - 1] + col].encode())

    def error(self, msg='invalid syntax', tok=None):
        tok = tok or self.peek()
        line, col = self._loc(tok.start) if tok else (len(self.line_starts), 0)
        e = SyntaxError(msg)
        try:
            e.lineno = line
            e.offset = col + 1
            e.filename = self.filename
        except (AttributeError, TypeError):
            pass
        raise e

    def at_node(self, node, first, last=None):
        # sets the node's location from tokens first..last (inclusive)
        last = last if last is not None else self.toks[self.pos - 1]
        node.lineno, node.col_offset = self._loc(first.start)
        node.end_lineno, node.end_col_offset = self._loc(last.end)
        return node

    def span(self, node, start_node, end_node):
        node.lineno, node.col_offset = start_node.lineno, start_node.col_offset
        node.end_lineno, node.end_col_offset = end_node.end_lineno, end_node.end_col_offset
        return node

    # ---- tokens ----

    def peek(self, k=0):
        j = self.pos + k
        return self.toks[j] if j < len(self.toks) else None

    def at(self, text, kind=None):
        t = self.peek()
        return t is not None and t.text == text and (kind is None or t.kind == kind) and t.kind != 'string'

    def at_kw(self, word):
        t = self.peek()
        return t is not None and t.kind == 'name' and t.text == word

    def take(self, text=None):
        # text '\n' takes the end of a logical line (also the last one's,
        # whose token text is empty)
        t = self.peek()
        if text == '\n':
            if t is None or t.kind != 'newline':
                self.error('invalid syntax', t)
        elif t is None or t.kind == 'newline':
            self.error('invalid syntax', t)
        elif text is not None and (t.text != text or t.kind == 'string'):
            self.error("expected '%s'" % text)
        self.pos += 1
        return t

    def take_name(self):
        t = self.peek()
        if t is None or t.kind != 'name' or t.text in _KEYWORDS:
            self.error()
        self.pos += 1
        return t

    # ---- statements ----

    def file_input(self):
        body = self.block_lines(0)
        return Module(body=body, type_ignores=[])

    def indent_of(self, tok):
        return tok.start - self.line_starts[self._loc(tok.start)[0] - 1]

    def block_lines(self, indent):
        body = []
        while self.peek() is not None:
            t = self.peek()
            ind = self.indent_of(t)
            if ind < indent:
                break
            if ind > indent:
                self.error('unexpected indent', t)
            body.extend(self.statement())
        return body

    def suite(self, header_tok):
        # after a ':': a simple statement list on the same line, or an
        # indented block
        if self.peek() is not None and self.peek().kind != 'newline':
            return self.simple_stmts()
        self.take('\n')
        t = self.peek()
        base = self.indent_of(header_tok)
        if t is None or self.indent_of(t) <= base:
            self.error('expected an indented block', t)
        return self.block_lines(self.indent_of(t))

    def statement(self):
        t = self.peek()
        if t.kind == 'name':
            w = t.text
            if w in ('def', 'if', 'while', 'for', 'try', 'with', 'class') or w == '@':
                return [self.compound()]
            if w == 'async' and self.peek(1) is not None and self.peek(1).text in ('def', 'for', 'with'):
                return [self.compound()]
            if w == 'match' and self._is_match_stmt():
                self.error('match statements are not supported by this ast module')
        if t.kind == 'op' and t.text == '@':
            return [self.compound()]
        return self.simple_stmts()

    def _is_match_stmt(self):
        j = self.pos + 1
        depth = 0
        while j < len(self.toks) and self.toks[j].kind != 'newline':
            tk = self.toks[j]
            if tk.kind == 'op':
                if tk.text in '([{':
                    depth += 1
                elif tk.text in ')]}':
                    depth -= 1
                elif tk.text in ('=', '.') and j == self.pos + 1:
                    return False
            j += 1
        return self.toks[j - 1].text == ':' and j > self.pos + 2

    def simple_stmts(self):
        out = [self.simple_stmt()]
        while self.at(';'):
            self.take(';')
            if self.peek() is None or self.peek().kind == 'newline':
                break
            out.append(self.simple_stmt())
        if self.peek() is not None:
            self.take('\n')
        return out

    def simple_stmt(self):
        t = self.peek()
        w = t.text if t.kind == 'name' else None
        if w == 'pass':
            self.take()
            return self.at_node(Pass(), t)
        if w == 'break':
            self.take()
            return self.at_node(Break(), t)
        if w == 'continue':
            self.take()
            return self.at_node(Continue(), t)
        if w == 'return':
            self.take()
            value = None if self.end_of_stmt() else self.star_exprs()
            return self.at_node(Return(value=value), t)
        if w == 'raise':
            self.take()
            exc = cause = None
            if not self.end_of_stmt():
                exc = self.test()
                if self.at_kw('from'):
                    self.take()
                    cause = self.test()
            return self.at_node(Raise(exc=exc, cause=cause), t)
        if w == 'global' or w == 'nonlocal':
            self.take()
            names = [self.take_name().text]
            while self.at(','):
                self.take(',')
                names.append(self.take_name().text)
            return self.at_node((Global if w == 'global' else Nonlocal)(names=names), t)
        if w == 'del':
            self.take()
            targets = self.exprlist()
            targets = targets.elts if isinstance(targets, Tuple) and not self._parenthesized(targets) else [targets]
            for x in targets:
                self.set_ctx(x, Del())
            return self.at_node(Delete(targets=targets), t)
        if w == 'assert':
            self.take()
            test = self.test()
            msg = None
            if self.at(','):
                self.take(',')
                msg = self.test()
            return self.at_node(Assert(test=test, msg=msg), t)
        if w == 'import':
            self.take()
            names = [self.dotted_alias()]
            while self.at(','):
                self.take(',')
                names.append(self.dotted_alias())
            return self.at_node(Import(names=names), t)
        if w == 'from':
            return self.import_from()
        return self.expr_stmt()

    def end_of_stmt(self):
        t = self.peek()
        return t is None or t.kind == 'newline' or (t.kind == 'op' and t.text == ';')

    def dotted_alias(self):
        first = self.peek()
        name = self.dotted_name()
        asname = None
        if self.at_kw('as'):
            self.take()
            asname = self.take_name().text
        return self.at_node(alias(name=name, asname=asname), first)

    def dotted_name(self):
        parts = [self.take_name().text]
        while self.at('.'):
            self.take('.')
            parts.append(self.take_name().text)
        return '.'.join(parts)

    def import_from(self):
        t = self.take()
        level = 0
        while self.at('.') or self.at('...'):
            level += len(self.take().text)
        module = None
        if not self.at_kw('import'):
            module = self.dotted_name()
        self.take('import')
        names = []
        if self.at('*'):
            star = self.take()
            names.append(self.at_node(alias(name='*', asname=None), star))
        else:
            paren = self.at('(')
            if paren:
                self.take('(')
            while True:
                first = self.peek()
                name = self.take_name().text
                asname = None
                if self.at_kw('as'):
                    self.take()
                    asname = self.take_name().text
                names.append(self.at_node(alias(name=name, asname=asname), first))
                if not self.at(','):
                    break
                self.take(',')
                if paren and self.at(')'):
                    break
            if paren:
                self.take(')')
        return self.at_node(ImportFrom(module=module, names=names, level=level), t)

    def expr_stmt(self):
        first = self.peek()
        target = self.star_exprs(allow_yield=True)
        if self.at(':') and not self.at(':='):
            self.take(':')
            ann = self.test()
            value = None
            if self.at('='):
                self.take('=')
                value = self.star_exprs(allow_yield=True)
            simple = 1 if isinstance(target, Name) and not self._parenthesized(target) else 0
            self.set_ctx(target, Store())
            return self.at_node(AnnAssign(target=target, annotation=ann, value=value, simple=simple), first)
        t = self.peek()
        if t is not None and t.kind == 'op' and t.text in _AUGOPS:
            self.take()
            value = self.star_exprs(allow_yield=True)
            self.set_ctx(target, Store())
            return self.at_node(AugAssign(target=target, op=_AUGOPS[t.text](), value=value), first)
        if self.at('='):
            targets = [target]
            while self.at('='):
                self.take('=')
                targets.append(self.star_exprs(allow_yield=True))
            value = targets.pop()
            for x in targets:
                self.set_ctx(x, Store())
            return self.at_node(Assign(targets=targets, value=value), first)
        return self.at_node(Expr(value=target), first)

    def set_ctx(self, node, ctx):
        if isinstance(node, (Name, Attribute, Subscript)):
            node.ctx = ctx
        elif isinstance(node, (Tuple, List)):
            node.ctx = ctx
            for e in node.elts:
                self.set_ctx(e, type(ctx)())
        elif isinstance(node, Starred):
            node.ctx = ctx
            self.set_ctx(node.value, type(ctx)())
        else:
            what = {Call: 'function call', Constant: 'literal', BinOp: 'expression',
                    Compare: 'comparison'}.get(type(node), 'expression')
            raise SyntaxError('cannot assign to %s' % what)

    def _parenthesized(self, node):
        return getattr(node, '_paren', False)

    def compound(self):
        t = self.peek()
        if t.text == '@' and t.kind == 'op':
            decorators = []
            while self.at('@'):
                self.take('@')
                decorators.append(self.namedexpr_test())
                self.take('\n')
            node = self.compound()
            node.decorator_list = decorators
            node.lineno, node.col_offset = node.lineno, node.col_offset
            return node
        w = t.text
        is_async = False
        if w == 'async':
            self.take()
            is_async = True
            w = self.peek().text
        if w == 'if':
            return self.if_stmt()
        if w == 'while':
            self.take()
            test = self.namedexpr_test()
            colon = self.take(':')
            body = self.suite(t)
            orelse = self.else_block(t)
            return self.end_at(While(test=test, body=body, orelse=orelse), t)
        if w == 'for':
            self.take()
            target = self.exprlist()
            self.set_ctx(target, Store())
            self.take('in')
            it = self.star_exprs()
            self.take(':')
            body = self.suite(t)
            orelse = self.else_block(t)
            cls = AsyncFor if is_async else For
            return self.end_at(cls(target=target, iter=it, body=body, orelse=orelse), t)
        if w == 'try':
            return self.try_stmt()
        if w == 'with':
            self.take()
            items = []
            while True:
                ctx = self.test()
                optional = None
                if self.at_kw('as'):
                    self.take()
                    optional = self.expr()
                    self.set_ctx(optional, Store())
                items.append(withitem(context_expr=ctx, optional_vars=optional))
                if not self.at(','):
                    break
                self.take(',')
            self.take(':')
            body = self.suite(t)
            cls = AsyncWith if is_async else With
            return self.end_at(cls(items=items, body=body), t)
        if w == 'def':
            self.take()
            name = self.take_name().text
            self.take('(')
            args = self.parameters(')')
            self.take(')')
            returns = None
            if self.at('->'):
                self.take('->')
                returns = self.test()
            self.take(':')
            body = self.suite(t)
            cls = AsyncFunctionDef if is_async else FunctionDef
            return self.end_at(cls(name=name, args=args, body=body, decorator_list=[], returns=returns), t)
        if w == 'class':
            self.take()
            name = self.take_name().text
            bases, keywords = [], []
            if self.at('('):
                self.take('(')
                bases, keywords = self.call_args()
                self.take(')')
            self.take(':')
            body = self.suite(t)
            return self.end_at(ClassDef(name=name, bases=bases, keywords=keywords, body=body,
                                        decorator_list=[]), t)
        self.error()

    def end_at(self, node, first):
        node.lineno, node.col_offset = self._loc(first.start)
        last = self.toks[self.pos - 1]
        if last.kind == 'newline' and self.pos >= 2:
            last = self.toks[self.pos - 2]
        node.end_lineno, node.end_col_offset = self._loc(last.end)
        return node

    def else_block(self, header):
        if self.peek() is not None and self.at_kw('else') and self.indent_of(self.peek()) == self.indent_of(header):
            self.take()
            self.take(':')
            return self.suite(header)
        return []

    def if_stmt(self):
        t = self.take()
        test = self.namedexpr_test()
        self.take(':')
        body = self.suite(t)
        orelse = []
        nxt = self.peek()
        if nxt is not None and nxt.kind == 'name' and self.indent_of(nxt) == self.indent_of(t):
            if nxt.text == 'elif':
                orelse = [self.if_stmt()]
            elif nxt.text == 'else':
                self.take()
                self.take(':')
                orelse = self.suite(nxt)
        node = If(test=test, body=body, orelse=orelse)
        return self.end_at(node, t)

    def try_stmt(self):
        t = self.take()
        self.take(':')
        body = self.suite(t)
        handlers, orelse, final = [], [], []
        star = False
        while self.peek() is not None and self.at_kw('except') and self.indent_of(self.peek()) == self.indent_of(t):
            h = self.take()
            if self.at('*'):
                self.take('*')
                star = True
            typ = name = None
            if not self.at(':'):
                typ = self.test()
                if self.at_kw('as'):
                    self.take()
                    name = self.take_name().text
            self.take(':')
            hbody = self.suite(h)
            handlers.append(self.end_at(ExceptHandler(type=typ, name=name, body=hbody), h))
        if self.peek() is not None and self.at_kw('else') and self.indent_of(self.peek()) == self.indent_of(t):
            e = self.take()
            self.take(':')
            orelse = self.suite(e)
        if self.peek() is not None and self.at_kw('finally') and self.indent_of(self.peek()) == self.indent_of(t):
            f = self.take()
            self.take(':')
            final = self.suite(f)
        if not handlers and not final:
            self.error("expected 'except' or 'finally' block")
        cls = TryStar if star else Try
        return self.end_at(cls(body=body, handlers=handlers, orelse=orelse, finalbody=final), t)

    def parameters(self, closer):
        posonly, args, defaults, kwonly, kw_defaults = [], [], [], [], []
        vararg = kwarg = None
        star_seen = False
        while not self.at(closer):
            if self.at('/'):
                self.take('/')
                posonly, args = args, []
            elif self.at('**'):
                self.take('**')
                kwarg = self.param(closer)
            elif self.at('*'):
                self.take('*')
                star_seen = True
                if not self.at(',') and not self.at(closer):
                    vararg = self.param(closer)
            else:
                a = self.param(closer)
                default = None
                if self.at('='):
                    self.take('=')
                    default = self.test()
                if star_seen:
                    kwonly.append(a)
                    kw_defaults.append(default)
                else:
                    args.append(a)
                    if default is not None:
                        defaults.append(default)
                    elif defaults:
                        self.error('non-default argument follows default argument')
            if not self.at(','):
                break
            self.take(',')
        return arguments(posonlyargs=posonly, args=args, vararg=vararg, kwonlyargs=kwonly,
                         kw_defaults=kw_defaults, kwarg=kwarg, defaults=defaults)

    def param(self, closer):
        t = self.take_name()
        ann = None
        if closer == ')' and self.at(':'):
            self.take(':')
            ann = self.test()
        return self.at_node(arg(arg=t.text, annotation=ann), t)

    # ---- expressions ----

    def star_exprs(self, allow_yield=False):
        # an expression list that becomes a Tuple when it has a comma
        if allow_yield and self.at_kw('yield'):
            return self.yield_expr()
        first = self.peek()
        e = self.star_expr_or_test()
        if not self.at(','):
            return e
        elts = [e]
        while self.at(','):
            self.take(',')
            t = self.peek()
            if t is None or t.kind == 'newline' or (t.kind == 'op' and t.text in ('=', ')', ';', ':')) or \
                    (t.kind == 'op' and t.text in _AUGOPS):
                break
            elts.append(self.star_expr_or_test())
        return self.at_node(Tuple(elts=elts, ctx=Load()), first)

    def exprlist(self):
        first = self.peek()
        e = self.star_expr_or_expr()
        if not self.at(','):
            return e
        elts = [e]
        while self.at(','):
            self.take(',')
            if self.at_kw('in') or self.at('=') or self.end_of_stmt():
                break
            elts.append(self.star_expr_or_expr())
        return self.at_node(Tuple(elts=elts, ctx=Load()), first)

    def star_expr_or_expr(self):
        if self.at('*'):
            t = self.take('*')
            return self.at_node(Starred(value=self.expr(), ctx=Load()), t)
        return self.expr()

    def star_expr_or_test(self):
        if self.at('*'):
            t = self.take('*')
            return self.at_node(Starred(value=self.expr(), ctx=Load()), t)
        return self.namedexpr_test()

    def yield_expr(self):
        t = self.take()
        if self.at_kw('from'):
            self.take()
            return self.at_node(YieldFrom(value=self.test()), t)
        if self.end_of_stmt() or self.at(')') or self.at(']') or self.at('}') or self.at('='):
            return self.at_node(Yield(value=None), t)
        return self.at_node(Yield(value=self.star_exprs()), t)

    def namedexpr_test(self):
        t = self.peek()
        if t is not None and t.kind == 'name' and self.peek(1) is not None and self.peek(1).text == ':=':
            target = self.take_name()
            self.take(':=')
            value = self.test()
            name = self.at_node(Name(id=target.text, ctx=Store()), target, target)
            return self.at_node(NamedExpr(target=name, value=value), t)
        return self.test()

    def test(self):
        if self.at_kw('lambda'):
            return self.lambdef()
        first = self.peek()
        e = self.or_test()
        if self.at_kw('if'):
            self.take()
            cond = self.or_test()
            self.take('else')
            orelse = self.test()
            return self.at_node(IfExp(test=cond, body=e, orelse=orelse), first)
        return e

    def test_nocond(self):
        if self.at_kw('lambda'):
            return self.lambdef()
        return self.or_test()

    def lambdef(self):
        t = self.take()
        args = self.parameters(':')
        self.take(':')
        body = self.test()
        return self.at_node(Lambda(args=args, body=body), t)

    def or_test(self):
        first = self.peek()
        e = self.and_test()
        if not self.at_kw('or'):
            return e
        values = [e]
        while self.at_kw('or'):
            self.take()
            values.append(self.and_test())
        return self.at_node(BoolOp(op=Or(), values=values), first)

    def and_test(self):
        first = self.peek()
        e = self.not_test()
        if not self.at_kw('and'):
            return e
        values = [e]
        while self.at_kw('and'):
            self.take()
            values.append(self.not_test())
        return self.at_node(BoolOp(op=And(), values=values), first)

    def not_test(self):
        if self.at_kw('not'):
            t = self.take()
            return self.at_node(UnaryOp(op=Not(), operand=self.not_test()), t)
        return self.comparison()

    def comparison(self):
        first = self.peek()
        left = self.expr()
        ops, comps = [], []
        while True:
            t = self.peek()
            if t is None:
                break
            if t.kind == 'op' and t.text in _CMPOPS:
                self.take()
                ops.append(_CMPOPS[t.text]())
            elif t.kind == 'name' and t.text == 'in':
                self.take()
                ops.append(In())
            elif t.kind == 'name' and t.text == 'not' and self.peek(1) is not None and self.peek(1).text == 'in':
                self.take()
                self.take()
                ops.append(NotIn())
            elif t.kind == 'name' and t.text == 'is':
                self.take()
                if self.at_kw('not'):
                    self.take()
                    ops.append(IsNot())
                else:
                    ops.append(Is())
            else:
                break
            comps.append(self.expr())
        if not ops:
            return left
        return self.at_node(Compare(left=left, ops=ops, comparators=comps), first)

    def _binary(self, sub, ops):
        first = self.peek()
        left = sub()
        while True:
            t = self.peek()
            if t is None or t.kind != 'op' or t.text not in ops:
                return left
            self.take()
            right = sub()
            left = self.at_node(BinOp(left=left, op=_BINOPS[t.text](), right=right), first)

    def expr(self):
        return self._binary(self.xor_expr, ('|',))

    def xor_expr(self):
        return self._binary(self.and_expr, ('^',))

    def and_expr(self):
        return self._binary(self.shift_expr, ('&',))

    def shift_expr(self):
        return self._binary(self.arith_expr, ('<<', '>>'))

    def arith_expr(self):
        return self._binary(self.term, ('+', '-'))

    def term(self):
        return self._binary(self.factor, ('*', '/', '%', '//', '@'))

    def factor(self):
        t = self.peek()
        if t is not None and t.kind == 'op' and t.text in ('+', '-', '~'):
            self.take()
            op = {'+': UAdd, '-': USub, '~': Invert}[t.text]()
            return self.at_node(UnaryOp(op=op, operand=self.factor()), t)
        return self.power()

    def power(self):
        first = self.peek()
        if self.at_kw('await'):
            self.take()
            e = self.at_node(Await(value=self.primary()), first)
        else:
            e = self.primary()
        if self.at('**'):
            self.take('**')
            right = self.factor()
            return self.at_node(BinOp(left=e, op=Pow(), right=right), first)
        return e

    def primary(self):
        first = self.peek()
        e = self.atom()
        while True:
            if self.at('.'):
                self.take('.')
                attr = self.take_name().text
                e = self.at_node(Attribute(value=e, attr=attr, ctx=Load()), first)
            elif self.at('('):
                self.take('(')
                args, keywords = self.call_args()
                self.take(')')
                e = self.at_node(Call(func=e, args=args, keywords=keywords), first)
            elif self.at('['):
                self.take('[')
                sl = self.subscript_list()
                self.take(']')
                e = self.at_node(Subscript(value=e, slice=sl, ctx=Load()), first)
            else:
                return e

    def call_args(self):
        args, keywords = [], []
        while not self.at(')'):
            t = self.peek()
            if self.at('**'):
                self.take('**')
                keywords.append(self.at_node(keyword(arg=None, value=self.test()), t))
            elif self.at('*'):
                self.take('*')
                args.append(self.at_node(Starred(value=self.test(), ctx=Load()), t))
            elif t.kind == 'name' and self.peek(1) is not None and self.peek(1).text == '=' \
                    and self.peek(1).kind == 'op':
                self.take()
                self.take('=')
                keywords.append(self.at_node(keyword(arg=t.text, value=self.test()), t))
            else:
                e = self.namedexpr_test()
                if self.at_kw('for') or self.at_kw('async'):
                    gens = self.comp_for()
                    e = self.at_node(GeneratorExp(elt=e, generators=gens), t)
                args.append(e)
            if not self.at(','):
                break
            self.take(',')
        return args, keywords

    def subscript_list(self):
        first = self.peek()
        items = [self.subscript()]
        comma = False
        while self.at(','):
            self.take(',')
            comma = True
            if self.at(']'):
                break
            items.append(self.subscript())
        if not comma:
            return items[0]
        return self.at_node(Tuple(elts=items, ctx=Load()), first)

    def subscript(self):
        first = self.peek()
        lower = upper = step = None
        if not self.at(':'):
            if self.at('*'):
                t = self.take('*')
                return self.at_node(Starred(value=self.expr(), ctx=Load()), t)
            lower = self.namedexpr_test()
            if not self.at(':'):
                return lower
        self.take(':')
        if not (self.at(']') or self.at(',') or self.at(':')):
            upper = self.test()
        if self.at(':'):
            self.take(':')
            if not (self.at(']') or self.at(',')):
                step = self.test()
        return self.at_node(Slice(lower=lower, upper=upper, step=step), first)

    def comp_for(self):
        gens = []
        while self.at_kw('for') or (self.at_kw('async') and self.peek(1) is not None and self.peek(1).text == 'for'):
            is_async = 0
            if self.at_kw('async'):
                self.take()
                is_async = 1
            self.take('for')
            target = self.exprlist()
            self.set_ctx(target, Store())
            self.take('in')
            it = self.or_test()
            ifs = []
            while self.at_kw('if'):
                self.take()
                ifs.append(self.test_nocond())
            gens.append(comprehension(target=target, iter=it, ifs=ifs, is_async=is_async))
        return gens

    def atom(self):
        t = self.peek()
        if t is None or t.kind == 'newline':
            self.error('invalid syntax', t)
        if t.kind == 'number':
            self.take()
            return self.at_node(Constant(value=_number(t.text)), t)
        if t.kind == 'string':
            return self.strings()
        if t.kind == 'name':
            if t.text in ('None', 'True', 'False'):
                self.take()
                return self.at_node(Constant(value={'None': None, 'True': True, 'False': False}[t.text]), t)
            if t.text in _KEYWORDS:
                self.error('invalid syntax', t)
            self.take()
            return self.at_node(Name(id=t.text, ctx=Load()), t)
        if t.text == '...':
            self.take()
            return self.at_node(Constant(value=Ellipsis), t)
        if t.text == '(':
            self.take('(')
            if self.at(')'):
                self.take(')')
                return self.at_node(Tuple(elts=[], ctx=Load()), t)
            if self.at_kw('yield'):
                e = self.yield_expr()
                self.take(')')
                return e
            e = self.star_expr_or_test()
            if self.at_kw('for') or self.at_kw('async'):
                gens = self.comp_for()
                self.take(')')
                return self.at_node(GeneratorExp(elt=e, generators=gens), t)
            if not self.at(','):
                self.take(')')
                e._paren = True
                return e
            elts = [e]
            while self.at(','):
                self.take(',')
                if self.at(')'):
                    break
                elts.append(self.star_expr_or_test())
            self.take(')')
            return self.at_node(Tuple(elts=elts, ctx=Load()), t)
        if t.text == '[':
            self.take('[')
            if self.at(']'):
                self.take(']')
                return self.at_node(List(elts=[], ctx=Load()), t)
            e = self.star_expr_or_test()
            if self.at_kw('for') or self.at_kw('async'):
                gens = self.comp_for()
                self.take(']')
                return self.at_node(ListComp(elt=e, generators=gens), t)
            elts = [e]
            while self.at(','):
                self.take(',')
                if self.at(']'):
                    break
                elts.append(self.star_expr_or_test())
            self.take(']')
            return self.at_node(List(elts=elts, ctx=Load()), t)
        if t.text == '{':
            return self.brace()
        self.error('invalid syntax', t)

    def brace(self):
        t = self.take('{')
        if self.at('}'):
            self.take('}')
            return self.at_node(Dict(keys=[], values=[]), t)
        keys, values = [], []
        if self.at('**'):
            self.take('**')
            keys.append(None)
            values.append(self.expr())
        else:
            first = self.star_expr_or_test()
            if not self.at(':'):
                # a set or a set comprehension
                if self.at_kw('for') or self.at_kw('async'):
                    gens = self.comp_for()
                    self.take('}')
                    return self.at_node(SetComp(elt=first, generators=gens), t)
                elts = [first]
                while self.at(','):
                    self.take(',')
                    if self.at('}'):
                        break
                    elts.append(self.star_expr_or_test())
                self.take('}')
                return self.at_node(Set(elts=elts), t)
            self.take(':')
            value = self.test()
            if self.at_kw('for') or self.at_kw('async'):
                gens = self.comp_for()
                self.take('}')
                return self.at_node(DictComp(key=first, value=value, generators=gens), t)
            keys.append(first)
            values.append(value)
        while self.at(','):
            self.take(',')
            if self.at('}'):
                break
            if self.at('**'):
                self.take('**')
                keys.append(None)
                values.append(self.expr())
            else:
                keys.append(self.test())
                self.take(':')
                values.append(self.test())
        self.take('}')
        return self.at_node(Dict(keys=keys, values=values), t)

    def strings(self):
        first = self.peek()
        parts = []
        while self.peek() is not None and self.peek().kind == 'string':
            parts.append(self.take())
        if not any('f' in _prefix(p.text).lower() for p in parts):
            value = _literal(parts[0].text)
            for p in parts[1:]:
                v = _literal(p.text)
                if type(v) is not type(value):
                    self.error('cannot mix bytes and nonbytes literals', p)
                value = value + v
            kind = 'u' if _prefix(parts[0].text).lower() == 'u' else None
            return self.at_node(Constant(value=value, kind=kind), first)
        values = []
        for p in parts:
            if 'f' in _prefix(p.text).lower():
                values.extend(self.fstring(p))
            else:
                values.append(Constant(value=_literal(p.text)))
        merged = []
        for v in values:
            if merged and isinstance(v, Constant) and isinstance(merged[-1], Constant):
                merged[-1] = Constant(value=merged[-1].value + v.value)
            else:
                merged.append(v)
        for v in merged:
            if not hasattr(v, 'lineno'):
                self.at_node(v, first)
        return self.at_node(JoinedStr(values=[v for v in merged if not (isinstance(v, Constant) and v.value == '')]),
                            first)

    def fstring(self, tok):
        text = tok.text
        pre = _prefix(text)
        q = text[len(pre)]
        quote = q * 3 if text.startswith(q * 3, len(pre)) else q
        body = text[len(pre) + len(quote):len(text) - len(quote)]
        raw = 'r' in pre.lower()
        return self._fparts(body, raw, tok)

    def _fparts(self, body, raw, tok):
        out = []
        lit = []
        i = 0
        n = len(body)
        while i < n:
            c = body[i]
            if c == '{' and body[i + 1:i + 2] == '{':
                lit.append('{')
                i += 2
                continue
            if c == '}' and body[i + 1:i + 2] == '}':
                lit.append('}')
                i += 2
                continue
            if c != '{':
                lit.append(c)
                i += 1
                continue
            if lit:
                s = ''.join(lit)
                out.append(Constant(value=s if raw else _literal("'''" + s + "'''")))
                lit = []
            j = _field_end(body, i + 1)[0]  # where the expression ends
            expr_src = body[i + 1:j]
            conversion = -1
            spec = None
            if j < n and body[j] == '!':
                conversion = ord(body[j + 1])
                j += 2
            if j < n and body[j] == ':':
                k = j + 1
                depth = 0
                while k < n:
                    if body[k] == '{':
                        depth += 1
                    elif body[k] == '}':
                        if depth == 0:
                            break
                        depth -= 1
                    k += 1
                spec = JoinedStr(values=self._fparts(body[j + 1:k], raw, tok))
                self.at_node(spec, tok, tok)
                j = k
            sub = _Parser('(' + expr_src.strip() + ')', self.filename)
            value = sub.test()
            self.at_node(value, tok, tok)
            fv = FormattedValue(value=value, conversion=conversion, format_spec=spec)
            self.at_node(fv, tok, tok)
            out.append(fv)
            i = j + 1
        if lit:
            s = ''.join(lit)
            out.append(Constant(value=s if raw else _literal("'''" + s + "'''")))
        return out


def _prefix(text):
    k = 0
    while text[k] not in '\'"':
        k += 1
    return text[:k]


def _literal(text):
    # the value of one string or bytes literal token
    return eval(text, {})


def _number(text):
    return eval(text, {})


# ---- the public functions -------------------------------------------------

def parse(source, filename='<unknown>', mode='exec', *, type_comments=False, feature_version=None):
    if isinstance(source, (bytes, bytearray)):
        source = bytes(source).decode()
    p = _Parser(source, filename)
    if mode == 'exec':
        return p.file_input()
    if mode == 'eval':
        body = p.star_exprs()
        while p.peek() is not None and p.peek().kind == 'newline':
            p.take('\n')
        if p.peek() is not None:
            p.error()
        return Expression(body=body)
    if mode == 'single':
        return Interactive(body=p.statement())
    raise ValueError("expected mode to be 'exec', 'eval' or 'single'")


def literal_eval(node_or_string):
    if isinstance(node_or_string, str):
        node_or_string = parse(node_or_string.lstrip(' \t'), mode='eval')
    if isinstance(node_or_string, Expression):
        node_or_string = node_or_string.body

    def malformed(node):
        msg = 'malformed node or string'
        lno = getattr(node, 'lineno', None)
        if lno:
            msg += ' on line %d' % lno
        raise ValueError(msg + ': %r' % node)

    def num(node):
        if not isinstance(node, Constant) or type(node.value) not in (int, float, complex):
            malformed(node)
        return node.value

    def signed(node):
        if isinstance(node, UnaryOp) and isinstance(node.op, (UAdd, USub)):
            operand = num(node.operand)
            return +operand if isinstance(node.op, UAdd) else -operand
        return num(node)

    def convert(node):
        if isinstance(node, Constant):
            return node.value
        if isinstance(node, Tuple):
            return tuple(map(convert, node.elts))
        if isinstance(node, List):
            return list(map(convert, node.elts))
        if isinstance(node, Set):
            return set(map(convert, node.elts))
        if (isinstance(node, Call) and isinstance(node.func, Name) and node.func.id == 'set'
                and node.args == node.keywords == []):
            return set()
        if isinstance(node, Dict):
            if len(node.keys) != len(node.values):
                malformed(node)
            return dict(zip(map(convert, node.keys), map(convert, node.values)))
        if isinstance(node, BinOp) and isinstance(node.op, (Add, Sub)):
            left = signed(node.left)
            right = num(node.right)
            if isinstance(left, (int, float)) and isinstance(right, complex):
                return left + right if isinstance(node.op, Add) else left - right
            malformed(node)
        return signed(node)
    return convert(node_or_string)


def iter_fields(node):
    for field in node._fields:
        try:
            yield field, getattr(node, field)
        except AttributeError:
            pass


def iter_child_nodes(node):
    for name, field in iter_fields(node):
        if isinstance(field, AST):
            yield field
        elif isinstance(field, list):
            for item in field:
                if isinstance(item, AST):
                    yield item


def walk(node):
    todo = [node]
    i = 0
    while i < len(todo):
        n = todo[i]
        i += 1
        todo.extend(iter_child_nodes(n))
        yield n


def dump(node, annotate_fields=True, include_attributes=False, *, indent=None):
    if indent is not None and not isinstance(indent, str):
        indent = ' ' * indent

    def fmt(node, level=0):
        if indent is not None:
            level += 1
            prefix = '\n' + indent * level
            sep = ',\n' + indent * level
        else:
            prefix = ''
            sep = ', '
        if isinstance(node, AST):
            cls = type(node)
            args = []
            allsimple = True
            keywords = annotate_fields
            for name in node._fields:
                try:
                    value = getattr(node, name)
                except AttributeError:
                    keywords = True
                    continue
                if value is None and getattr(cls, name, ...) is None:
                    keywords = True
                    continue
                value, simple = fmt(value, level)
                allsimple = allsimple and simple
                args.append('%s=%s' % (name, value) if keywords else value)
            if include_attributes and node._attributes:
                for name in node._attributes:
                    try:
                        value = getattr(node, name)
                    except AttributeError:
                        continue
                    if value is None and getattr(cls, name, ...) is None:
                        continue
                    value, simple = fmt(value, level)
                    allsimple = allsimple and simple
                    args.append('%s=%s' % (name, value))
            if allsimple and len(args) <= 3:
                return '%s(%s)' % (cls.__name__, ', '.join(args)), not args
            return '%s(%s%s)' % (cls.__name__, prefix, sep.join(args)), False
        if isinstance(node, list):
            if not node:
                return '[]', True
            return '[%s%s]' % (prefix, sep.join(fmt(x, level)[0] for x in node)), False
        return repr(node), True

    if not isinstance(node, AST):
        raise TypeError('expected AST, got %r' % type(node).__name__)
    return fmt(node)[0]


def copy_location(new_node, old_node):
    for attr in 'lineno', 'col_offset', 'end_lineno', 'end_col_offset':
        if attr in old_node._attributes and attr in new_node._attributes:
            value = getattr(old_node, attr, None)
            if value is not None or (hasattr(old_node, attr) and attr.startswith('end_')):
                setattr(new_node, attr, value)
    return new_node


def fix_missing_locations(node):
    def fix(node, lineno, col_offset, end_lineno, end_col_offset):
        if 'lineno' in node._attributes:
            if not hasattr(node, 'lineno'):
                node.lineno = lineno
            else:
                lineno = node.lineno
        if 'end_lineno' in node._attributes:
            if getattr(node, 'end_lineno', None) is None:
                node.end_lineno = end_lineno
            else:
                end_lineno = node.end_lineno
        if 'col_offset' in node._attributes:
            if not hasattr(node, 'col_offset'):
                node.col_offset = col_offset
            else:
                col_offset = node.col_offset
        if 'end_col_offset' in node._attributes:
            if getattr(node, 'end_col_offset', None) is None:
                node.end_col_offset = end_col_offset
            else:
                end_col_offset = node.end_col_offset
        for child in iter_child_nodes(node):
            fix(child, lineno, col_offset, end_lineno, end_col_offset)
    fix(node, 1, 0, 1, 0)
    return node


def increment_lineno(node, n=1):
    for child in walk(node):
        if isinstance(child, TypeIgnore):
            child.lineno = getattr(child, 'lineno', 0) + n
            continue
        if 'lineno' in child._attributes:
            child.lineno = getattr(child, 'lineno', 0) + n
        if 'end_lineno' in child._attributes and getattr(child, 'end_lineno', 0) is not None:
            child.end_lineno = getattr(child, 'end_lineno', 0) + n
    return node


def get_docstring(node, clean=True):
    if not isinstance(node, (AsyncFunctionDef, FunctionDef, ClassDef, Module)):
        raise TypeError("%r can't have docstrings" % node.__class__.__name__)
    if not (node.body and isinstance(node.body[0], Expr)):
        return None
    node = node.body[0].value
    if isinstance(node, Constant) and isinstance(node.value, str):
        text = node.value
    else:
        return None
    if clean:
        import inspect
        text = inspect.cleandoc(text) if hasattr(inspect, 'cleandoc') else _cleandoc(text)
    return text


def _cleandoc(doc):
    lines = doc.expandtabs().split('\n') if hasattr(doc, 'expandtabs') else doc.split('\n')
    margin = None
    for line in lines[1:]:
        content = len(line.lstrip())
        if content:
            indent = len(line) - content
            margin = indent if margin is None else min(margin, indent)
    if lines:
        lines[0] = lines[0].lstrip()
    if margin is not None:
        for i in range(1, len(lines)):
            lines[i] = lines[i][margin:]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return '\n'.join(lines)


def get_source_segment(source, node, *, padded=False):
    try:
        if node.end_lineno is None or node.end_col_offset is None:
            return None
        lineno = node.lineno - 1
        end_lineno = node.end_lineno - 1
        col_offset = node.col_offset
        end_col_offset = node.end_col_offset
    except AttributeError:
        return None
    lines = source.split('\n')
    if end_lineno == lineno:
        return lines[lineno].encode()[col_offset:end_col_offset].decode()
    first = lines[lineno].encode()[col_offset:].decode()
    last = lines[end_lineno].encode()[:end_col_offset].decode()
    return '\n'.join([first] + lines[lineno + 1:end_lineno] + [last])


class NodeVisitor:
    def visit(self, node):
        method = 'visit_' + node.__class__.__name__
        visitor = getattr(self, method, self.generic_visit)
        return visitor(node)

    def generic_visit(self, node):
        for field, value in iter_fields(node):
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, AST):
                        self.visit(item)
            elif isinstance(value, AST):
                self.visit(value)


class NodeTransformer(NodeVisitor):
    def generic_visit(self, node):
        for field, old_value in iter_fields(node):
            if isinstance(old_value, list):
                new_values = []
                for value in old_value:
                    if isinstance(value, AST):
                        value = self.visit(value)
                        if value is None:
                            continue
                        if not isinstance(value, AST):
                            new_values.extend(value)
                            continue
                    new_values.append(value)
                old_value[:] = new_values
            elif isinstance(old_value, AST):
                new_node = self.visit(old_value)
                if new_node is None:
                    delattr(node, field)
                else:
                    setattr(node, field, new_node)
        return node
