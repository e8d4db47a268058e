"""Which hidden code cells a reader notebook still needs (tools/reader.py).

A chapter's cells tagged ``remove-cell`` glue the prose's numbers and assert
them; the book shows none of them. A reader notebook drops them, except
where a later cell needs what one of them does: a name it defines (the
chapter's second slider is built in such a cell, ``compare = ...``) or an
object it changes in place (``net.W[2][:] = 0``, ``bp.update(net, ...)``).
Those are kept, collapsed (jupyter.source_hidden and outputs_hidden), so
that the notebook still runs from top to bottom and shows what the book shows.

The analysis is of the cells' Python (IPython's magics turned into Python
first), scope by scope: names used before the cell binds them are what it
needs; names it binds or changes are what it gives.
"""
from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass, field

from IPython.core.inputtransformer2 import TransformerManager

# Calls that change their receiver or an argument in place: list/dict/set
# methods, numpy's in-place ones, and bpcore's two functions that update a
# network (bp.update, bp.train).
MUTATING = {"append", "extend", "insert", "pop", "popitem", "remove", "clear", "setdefault",
            "sort", "reverse", "add", "discard", "fill", "resize", "put", "itemset",
            "update", "train", "shuffle"}
BUILTINS = set(dir(builtins))


@dataclass
class Uses:
    needs: set[str] = field(default_factory=set)     # free names: bound by earlier cells
    binds: set[str] = field(default_factory=set)
    changes: set[str] = field(default_factory=set)   # names whose object it may change
    imports: set[str] = field(default_factory=set)   # names it binds to modules


class _Scope(ast.NodeVisitor):
    """Walks one scope in evaluation order: a name read before it is bound
    here is needed from outside."""

    def __init__(self, bound: set[str] | None = None):
        self.bound = set(bound or ())
        self.uses = Uses()

    def read(self, name: str) -> None:
        if name not in self.bound:
            self.uses.needs.add(name)

    def bind(self, target: ast.AST) -> None:
        if isinstance(target, ast.Name):
            self.bound.add(target.id)
            self.uses.binds.add(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for t in target.elts:
                self.bind(t)
        elif isinstance(target, ast.Starred):
            self.bind(target.value)
        else:                               # x[i] = ..., x.a = ...: x changes
            self.visit(target)
            root = _root(target)
            if root:
                self.uses.changes.add(root)

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            self.read(node.id)
        else:
            self.bind(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        for t in node.targets:
            self.bind(t)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)
        self.bind(node.target)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.visit(node.value)
        if isinstance(node.target, ast.Name):
            self.read(node.target.id)
            self.uses.changes.add(node.target.id)
        self.bind(node.target)

    def visit_For(self, node: ast.For) -> None:
        self.visit(node.iter)
        self.bind(node.target)
        for stmt in node.body + node.orelse:
            self.visit(stmt)

    def visit_With(self, node: ast.With) -> None:
        for item in node.items:
            self.visit(item.context_expr)
            if item.optional_vars is not None:
                self.bind(item.optional_vars)
        for stmt in node.body:
            self.visit(stmt)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.type is not None:
            self.visit(node.type)
        if node.name:
            self.bound.add(node.name)
        for stmt in node.body:
            self.visit(stmt)

    def visit_Import(self, node: ast.Import | ast.ImportFrom) -> None:
        for alias in node.names:
            name = (alias.asname or alias.name).split(".")[0]
            self.bound.add(name)
            self.uses.binds.add(name)
            if isinstance(node, ast.Import):
                self.uses.imports.add(name)

    visit_ImportFrom = visit_Import

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for expr in node.decorator_list + node.args.defaults + node.args.kw_defaults:
            if expr is not None:
                self.visit(expr)
        self.bound.add(node.name)
        self.uses.binds.add(node.name)
        self._inner(node.args, node.body)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for expr in node.bases + node.decorator_list:
            self.visit(expr)
        self.bound.add(node.name)
        self.uses.binds.add(node.name)
        self._inner(None, node.body)

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._inner(node.args, [node.body])

    def _inner(self, args: ast.arguments | None, body: list[ast.AST]) -> None:
        """A function's body: its parameters and every name it assigns are its
        own; what else it reads is read from here when it runs."""
        local = {a.arg for a in ast.walk(args) if isinstance(a, ast.arg)} if args else set()
        for node in body:
            for n in ast.walk(node):
                if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load):
                    local.add(n.id)
        inner = _Scope(local)
        for node in body:
            inner.visit(node)
        for name in inner.uses.needs:
            self.read(name)
        self.uses.changes |= inner.uses.changes - local

    def _comprehension(self, node, results: list[ast.AST]) -> None:
        first, *rest = node.generators
        self.visit(first.iter)                 # evaluated in the enclosing scope
        inner = _Scope(self.bound)
        inner.bind(first.target)
        for cond in first.ifs:
            inner.visit(cond)
        for gen in rest:
            inner.visit(gen.iter)
            inner.bind(gen.target)
            for cond in gen.ifs:
                inner.visit(cond)
        for expr in results:
            inner.visit(expr)
        for name in inner.uses.needs:
            self.read(name)
        self.uses.changes |= inner.uses.changes

    def visit_ListComp(self, node) -> None:
        self._comprehension(node, [node.elt])

    visit_SetComp = visit_GeneratorExp = visit_ListComp

    def visit_DictComp(self, node: ast.DictComp) -> None:
        self._comprehension(node, [node.key, node.value])

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in MUTATING:
            for expr in [func.value, *node.args]:
                root = _root(expr)
                if root:
                    self.uses.changes.add(root)
        self.generic_visit(node)


def _root(expr: ast.AST) -> str | None:
    """x for x, x[i], x.a.b, x[i].a ..."""
    while isinstance(expr, (ast.Attribute, ast.Subscript, ast.Starred)):
        expr = expr.value
    return expr.id if isinstance(expr, ast.Name) else None


def uses(source: str) -> Uses:
    """What a code cell needs from earlier cells, binds, and may change."""
    tree = ast.parse(TransformerManager().transform_cell(source))
    scope = _Scope()
    for stmt in tree.body:
        scope.visit(stmt)
    scope.uses.needs -= BUILTINS
    return scope.uses


def needed(cells: list[str], hidden: list[bool]) -> list[bool]:
    """For code cells (sources, in order), whether each is kept: every cell
    that is not hidden, and a hidden one when a kept cell after it needs a
    name it binds or an object it changes (a module's functions, such as
    bp.update, change their arguments, not the module)."""
    all_uses = [uses(c) for c in cells]
    modules = set().union(*(u.imports for u in all_uses))
    keep = [not h for h in hidden]
    wanted: set[str] = set()
    for i in range(len(cells) - 1, -1, -1):
        u = all_uses[i]
        if not keep[i] and (u.binds | (u.changes - modules)) & wanted:
            keep[i] = True
        if keep[i]:
            wanted |= u.needs
    return keep
