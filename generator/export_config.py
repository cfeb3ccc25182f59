"""The ``mkdocs.yml`` of an exported tree: the site's own configuration, without the plugin.

It keeps everything the site configured (tags such as ``!ENV`` are written back as they were) and
adds what the plugin would have added at build time: the assets, the Markdown extensions the pages
need, the navigation, and which pages stay out of it. A plain MkDocs + Material build, or another
builder that reads ``mkdocs.yml``, then makes the same pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from . import frontend

PLUGIN_NAME = "handbook"
DOCS_DIR = "docs"
OVERRIDES_DIR = "overrides"
# What the generated pages are written for (tables and toc are in every MkDocs site already,
# but other builders read only what is listed).
NEEDED_EXTENSIONS = ("toc", "tables", "attr_list", "admonition", "md_in_html")


@dataclass(frozen=True)
class Tagged:
    """A value written with a YAML tag (``!ENV [NAME, default]``), kept to be written back the same."""

    tag: str
    value: Any


class _KeepTags(yaml.SafeLoader):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        return Tagged(tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(tag, loader.construct_sequence(node, deep=True))
    return Tagged(tag, loader.construct_mapping(node, deep=True))  # type: ignore[arg-type]


_KeepTags.add_multi_constructor("!", _construct_tagged)
_KeepTags.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)


class _WriteTags(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value, flow_style=True)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


def _represent_text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data else None  # gitignore-style pattern lists stay one pattern a line
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_WriteTags.add_representer(Tagged, _represent_tagged)
_WriteTags.add_representer(str, _represent_text)


def read_config(text: str) -> dict[str, Any]:
    loaded = yaml.load(text, Loader=_KeepTags)
    return loaded if isinstance(loaded, dict) else {}


def render_export_config(
    config_text: str, nav: list[Any], not_in_nav: list[str], *, site_url: str | None, has_overrides: bool
) -> str:
    """The exported ``mkdocs.yml`` for the site whose ``mkdocs.yml`` reads ``config_text``."""
    config = read_config(config_text)
    config["docs_dir"] = DOCS_DIR
    config.pop("site_dir", None)
    config["plugins"] = _without_plugin(config.get("plugins"))
    config["markdown_extensions"] = _with_extensions(config.get("markdown_extensions"))
    config["extra_css"] = _with_first(config.get("extra_css"), frontend.asset_uris(frontend.STYLESHEETS))
    config["extra_javascript"] = _with_last(config.get("extra_javascript"), frontend.asset_uris(frontend.SCRIPTS))
    config.setdefault("nav", nav)
    if not_in_nav:
        config["not_in_nav"] = "\n".join(not_in_nav) + "\n"
    if site_url:
        config["site_url"] = site_url  # as resolved for the pages' stamps, so both name one address
    theme = config.get("theme")
    if isinstance(theme, dict):
        theme.setdefault("variant", "classic")  # Zensical's name for Material's look; MkDocs ignores it
    if isinstance(theme, dict) and theme.get("custom_dir"):
        if has_overrides:
            theme["custom_dir"] = OVERRIDES_DIR
        else:
            theme.pop("custom_dir")
    header = "# Written by 'python -m generator export': this site without the handbook plugin.\n"
    return header + yaml.dump(config, Dumper=_WriteTags, sort_keys=False, allow_unicode=True, width=1000)


def _without_plugin(plugins: Any) -> Any:
    if isinstance(plugins, dict):
        return {name: value for name, value in plugins.items() if name != PLUGIN_NAME}
    kept = []
    for entry in plugins or ["search"]:
        name = entry if isinstance(entry, str) else next(iter(entry), None) if isinstance(entry, dict) else None
        if name != PLUGIN_NAME:
            kept.append(entry)
    return kept


def _extension_names(extensions: Any) -> set[str]:
    entries = extensions.keys() if isinstance(extensions, dict) else extensions or []
    names = set()
    for entry in entries:
        name = entry if isinstance(entry, str) else next(iter(entry), "") if isinstance(entry, dict) else ""
        names.add(str(name).removeprefix("markdown.extensions."))
    return names


def _with_extensions(extensions: Any) -> Any:
    missing = [name for name in NEEDED_EXTENSIONS if name not in _extension_names(extensions)]
    if isinstance(extensions, dict):
        return {**extensions, **dict.fromkeys(missing)}
    return [*(extensions or []), *missing]


def _with_first(items: Any, first: list[str]) -> list[Any]:
    existing = list(items or [])
    return [*(uri for uri in first if uri not in existing), *existing]


def _with_last(items: Any, last: list[str]) -> list[Any]:
    existing = list(items or [])
    listed = {item if isinstance(item, str) else item.get("path") for item in existing if isinstance(item, str | dict)}
    return [*existing, *(uri for uri in last if uri not in listed)]
