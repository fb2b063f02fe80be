"""A real release (from ../shared/devset) wrapped in the chrome of common site templates:
WordPress (a classic theme: no <article> or <main>, and a widget area without <nav> or
<aside>), Drupal (regions and blocks), GOV.UK, SharePoint (an ASP.NET form, web-part
zones, quick launch) and a news site (a most-read rail, inline teasers, a newsletter
box). The markup is each template's shape; every text in it that is not chrome wording
comes from the devset (other releases' headlines fill the widgets, so a "new headline in
the widget" is a real one).

`TEMPLATES[name](release, widget_headlines, state)`: `state` moves the chrome only
(another headline on top of the widgets, another cookie wording, breadcrumbs, footer
year, share counts); the release's words stay the same.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from extractors.text import normalise_newlines, text_blocks

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"


@dataclass(frozen=True)
class Release:
    title: str
    blocks: tuple[tuple[str, int | None, str], ...]  # as extractors.text.text_blocks


def devset_release(name: str) -> Release:
    """A devset release: its first paragraph is the headline (the URL line skipped)."""
    text = normalise_newlines((DEVSET / f"{name}.txt").read_text("utf-8"))
    blocks = [b for b in text_blocks(text) if not b[2].startswith("URL:")]
    return Release(title=blocks[0][2].lstrip("#").strip(), blocks=tuple(blocks[1:]))


def headlines(names: list[str]) -> list[str]:
    return [devset_release(name).title for name in names]


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def body_html(release: Release, *, teaser: str | None = None) -> str:
    """The release's paragraphs and lists as a CMS body field; `teaser` (a news site's
    inline "Read more: <headline>") goes after the second paragraph."""
    out: list[str] = []
    open_list = None
    for index, (kind, number, text) in enumerate(release.blocks):
        if kind != open_list and open_list:
            out.append(f"</{open_list}>")
            open_list = None
        if kind == "p":
            out.append(f"<p>{_e(text)}</p>")
        elif kind == "ul":
            if open_list != "ul":
                out.append("<ul>")
                open_list = "ul"
            out.append(f"<li>{_e(text)}</li>")
        else:
            if open_list != "ol":
                out.append(f'<ol start="{number}">')
                open_list = "ol"
            out.append(f'<li value="{number}">{_e(text)}</li>')
        if teaser and index == 1:
            out.append(
                f'<p class="inline-related"><strong>Read more:</strong> '
                f'<a href="/news/related">{_e(teaser)}</a></p>'
            )
    if open_list:
        out.append(f"</{open_list}>")
    return "\n".join(out)


def _links(items: list[str], cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "".join(
        f'<li{attr}><a href="/news/{i}">{_e(title)}</a></li>' for i, title in enumerate(items)
    )


COOKIES = (
    "We use cookies to make this site work and to understand how you use it.",
    "We use some essential cookies to make this service work, and analytics cookies too.",
)


def wordpress(release: Release, widget: list[str], state: int) -> str:
    return f"""<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<title>{_e(release.title)} &#8211; Police news</title></head>
<body class="post-template-default single single-post postid-1{state}3 single-format-standard">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<div class="cookie-notice-container"><span id="cn-notice-text">{COOKIES[state]}</span>
<a href="#" id="cn-accept-cookie" class="cn-button">Ok</a></div>
<header id="masthead" class="site-header"><div class="site-branding">
<p class="site-title"><a href="/" rel="home">Police news</a></p></div>
<div class="menu-primary-container"><ul id="primary-menu" class="menu">
<li class="menu-item"><a href="/">Home</a></li><li class="menu-item"><a href="/news/">News</a></li>
</ul></div></header>
<div id="content" class="site-content">
<div id="primary" class="content-area"><div id="main" class="site-main">
<div id="post-123" class="post-123 post type-post status-publish format-standard hentry">
<header class="entry-header"><h1 class="entry-title">{_e(release.title)}</h1></header>
<div class="entry-content">
{body_html(release)}
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/category/news/">News</a>
</span></footer>
</div>
<div class="post-navigation"><div class="nav-previous"><a href="/news/p">{_e(widget[-1])}</a>
</div></div>
</div></div>
<div id="secondary" class="widget-area">
<section id="recent-posts-2" class="widget widget_recent_entries">
<h2 class="widget-title">Latest news</h2><ul>{_links(widget[state : state + 5])}</ul></section>
<section id="archives-2" class="widget widget_archive"><h2 class="widget-title">Archives</h2>
<ul><li><a href="/2024/0{state + 5}/">Month {state + 5}</a></li></ul></section>
</div>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">
&copy; {2023 + state} Police news. Proudly powered by WordPress.</div></footer>
</div></body></html>"""


def drupal(release: Release, widget: list[str], state: int) -> str:
    return f"""<!DOCTYPE html><html lang="en" dir="ltr"><head><meta charset="utf-8">
<title>{_e(release.title)} | Office of the Police and Crime Commissioner</title></head>
<body class="path-node page-node-type-news">
<a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
<div class="layout-container">
<div class="region region-header"><div id="block-sitebranding" class="block block-system">
<a href="/" rel="home">Office of the Police and Crime Commissioner</a></div>
<div id="block-mainmenu" class="block block-menu"><ul class="menu">
<li class="menu-item"><a href="/news">News</a></li><li class="menu-item"><a href="/about">About</a>
</li></ul></div></div>
<div class="region region-breadcrumb"><div id="block-breadcrumbs" class="block block-system">
<ol><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/news/{2023 + state}">{2023 + state}</a></li></ol></div></div>
<div class="region region-highlighted"><div class="messages messages--status">
{COOKIES[state]}</div></div>
<div class="layout-content"><div class="region region-content">
<div id="block-mainpagecontent" class="block block-system block-system-main-block">
<div class="node node--type-news node--view-mode-full">
<h1 class="page-title"><span class="field field--name-title">{_e(release.title)}</span></h1>
<div class="node__content"><div class="clearfix text-formatted field field--name-body
field--type-text-with-summary field--label-hidden field__item">
{body_html(release)}
</div></div></div></div></div></div>
<div class="region region-sidebar-second">
<div class="views-element-container block block-views" id="block-views-block-news-latest">
<h2>Latest news</h2><div class="view view-news view-id-news view-display-id-block_1">
<div class="view-content"><div class="item-list"><ul>{_links(widget[state : state + 4])}</ul>
</div></div></div></div>
<div id="block-followus" class="block block-block-content"><h2>Follow us</h2>
<div class="field field--name-body">Follow us on Twitter and Facebook</div></div></div>
<div class="region region-footer"><div id="block-footer" class="block">
<p>&copy; {2023 + state} Office of the Police and Crime Commissioner</p></div></div>
</div></div></body></html>"""


def govuk(release: Release, widget: list[str], state: int) -> str:
    return f"""<!DOCTYPE html><html lang="en" class="govuk-template"><head><meta charset="utf-8">
<title>{_e(release.title)} - GOV.UK</title></head>
<body class="govuk-template__body">
<div id="global-cookie-message" class="gem-c-cookie-banner govuk-clearfix" role="region"
aria-label="Cookies on GOV.UK"><div class="govuk-cookie-banner__message">
<h2 class="govuk-cookie-banner__heading">Cookies on GOV.UK</h2><p>{COOKIES[state]}</p>
<button class="govuk-button" type="submit">Accept additional cookies</button></div></div>
<a href="#main-content" class="govuk-skip-link">Skip to main content</a>
<header role="banner" class="gem-c-layout-header govuk-header"><div class="govuk-header__container">
<a href="/" class="govuk-header__link govuk-header__link--homepage">GOV.UK</a></div></header>
<div class="govuk-width-container">
<div class="gem-c-breadcrumbs govuk-breadcrumbs"><ol class="govuk-breadcrumbs__list">
<li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/">Home</a></li>
<li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link"
href="/crime-justice-and-law">{("Crime, justice and law", "Crime and policing")[state]}</a></li>
</ol></div>
<main class="govuk-main-wrapper" id="main-content" role="main">
<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<span class="govuk-caption-xl">Press release</span>
<h1 class="gem-c-title__text govuk-heading-l">{_e(release.title)}</h1></div></div>
<div class="gem-c-metadata"><dl><dt class="gem-c-metadata__term">From:</dt>
<dd class="gem-c-metadata__definition"><a href="/government/organisations/hmic">HM
Inspectorate of Constabulary</a></dd></dl></div>
<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
<div class="gem-c-govspeak govuk-govspeak">
{body_html(release)}
</div>
<div class="gem-c-share-links"><h2>Share this page</h2><ul>
<li><a href="#">Facebook ({12 + state} shares)</a></li><li><a href="#">Twitter</a></li></ul></div>
</div>
<div class="govuk-grid-column-one-third"><div class="gem-c-contextual-sidebar">
<div class="gem-c-related-navigation"><h2 class="gem-c-related-navigation__main-heading">
Related content</h2><ul class="gem-c-related-navigation__link-list">
{_links(widget[state : state + 3], "gem-c-related-navigation__link")}</ul></div></div></div>
</div></main>
<div class="gem-c-feedback govuk-!-display-none-print"><div class="gem-c-feedback__prompt">
<h2 class="gem-c-feedback__prompt-question">{("Is this page useful?", "Was this useful?")[state]}
</h2></div></div></div>
<footer class="govuk-footer" role="contentinfo"><div class="govuk-footer__meta">
<a class="govuk-footer__link" href="/help/cookies">Cookies</a>
<span>&copy; Crown copyright {2023 + state}</span></div></footer>
</body></html>"""


def sharepoint(release: Release, widget: list[str], state: int) -> str:
    return f"""<!DOCTYPE html><html dir="ltr" lang="en-GB"><head><meta charset="utf-8">
<title>{_e(release.title)}</title></head>
<body><form method="post" action="./release.aspx" id="aspnetForm">
<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATE" value="/wEPDw{state}UKLTk"></div>
<div id="s4-workspace"><div id="s4-bodyContainer">
<div id="s4-titlerow" class="ms-dialogHidden"><div class="ms-breadcrumb-top">
<span><a href="/">Constabulary</a> &gt; <a href="/news">News</a> &gt;
<a href="/news/{2023 + state}">{2023 + state}</a></span></div>
<div id="DeltaTopNavigation" class="ms-displayInline ms-core-navigation">
<ul class="root ms-core-listMenu-root static"><li class="static"><a class="static menu-item"
href="/">Home</a></li><li class="static"><a class="static menu-item" href="/news">News</a></li>
</ul></div></div>
<div id="contentRow">
<div id="sideNavBox" class="ms-dialogHidden ms-forceWrap ms-noList">
<div id="DeltaPlaceHolderLeftNavBar" class="ms-core-navigation">
<div class="ms-core-sideNavBox-removeLeftMargin">
<ul class="root ms-core-listMenu-root static">{_links(widget[state : state + 4], "static")}</ul>
</div></div></div>
<div id="contentBox"><div id="DeltaPlaceHolderMain">
<div class="ms-rtestate-field"><h1>{_e(release.title)}</h1>
{body_html(release)}
</div>
<div class="ms-webpart-zone ms-fullWidth"><div class="s4-wpcell-plain ms-webpartzone-cell">
<div class="ms-webpart-chrome ms-webpart-chrome-fullWidth">
<h2 class="ms-webpart-titleText"><span>Latest news</span></h2>
<ul class="dfwp-list">{_links(widget[state + 1 : state + 4], "dfwp-item")}</ul>
</div></div></div>
</div></div></div>
<div class="ms-footer">Last modified {10 + state}/06/2024 &nbsp; &copy; Constabulary</div>
</div></div></form></body></html>"""


def news_site(release: Release, widget: list[str], state: int) -> str:
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{_e(release.title)} | The Evening Chronicle</title></head>
<body class="article-page">
<div class="consent-overlay"><p>{COOKIES[state]}</p><a href="#">Agree</a></div>
<div class="masthead"><a class="logo" href="/">The Evening Chronicle</a>
<div class="section-links"><a href="/news">News</a> <a href="/sport">Sport</a></div>
<div class="ticker">Breaking: {_e(widget[state])}</div></div>
<div class="container"><div class="row">
<div class="col-md-8"><div class="story">
<h1 class="headline">{_e(release.title)}</h1>
<div class="story-body">
{body_html(release, teaser=widget[state + 1])}
</div>
<div class="social-share"><span class="share-count">{140 + 7 * state} shares</span>
<a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<div class="newsletter-box"><h3>Get the Chronicle's daily newsletter</h3>
<p>Sign up for our morning briefing</p></div>
</div></div>
<div class="col-md-4"><div class="most-read"><h3>Most read</h3>
<ol>{_links(widget[state : state + 5])}</ol></div>
<div class="ad-slot">Advertisement</div></div>
</div></div>
<div class="site-footer-links"><a href="/terms">Terms</a> <a href="/privacy">Privacy</a>
<p>&copy; {2023 + state} The Evening Chronicle. All rights reserved.</p></div>
</body></html>"""


TEMPLATES: dict[str, Callable[[Release, list[str], int], str]] = {
    "wordpress": wordpress,
    "drupal": drupal,
    "govuk": govuk,
    "sharepoint": sharepoint,
    "news_site": news_site,
}
