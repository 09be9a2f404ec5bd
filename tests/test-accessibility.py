#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window as a screen reader meets it.

Starts the built app ($COUNTERPOINT_APP) on the sample reviews with GTK's
accessibility bridge on, reads its tree over AT-SPI with pyatspi, and
presses keys with xdotool as a user would. Run by meson inside
dbus-run-session and xvfb-run; the session bus starts the accessibility
bus (at-spi2-core) when pyatspi first asks for it.

Checks: the panes' buttons are named, every topic row is named after its
topic, section headings are not focus stops, and F6 / Shift+F6 go round
header bar, topics, suggestions and each review, also with the sidebar
hidden (F9).
"""

import os
import shutil
import subprocess
import sys
import time

SYSTEM_PYTHON = "/usr/bin/python3"

# The app keeps G_DEBUG=fatal-warnings; the reader does not, since
# libatspi warns about a GTK 4 app's missing cache object and carries on.
APP_G_DEBUG = os.environ.get("G_DEBUG")
os.environ["G_DEBUG"] = ",".join(f for f in (APP_G_DEBUG or "").split(",") if f and f != "fatal-warnings")

try:
    import pyatspi
except ImportError:
    # Debian installs python3-pyatspi for its own python3, which may not
    # be the first python3 on the PATH.
    if os.path.exists(SYSTEM_PYTHON) and os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON):
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv)
    print("Bail out! pyatspi is missing: install the Debian package python3-pyatspi")
    sys.exit(1)

DEADLINE = 60.0
REVIEW_MENU = "Review menu"
CLOSE_REVIEW = "Close review"
TOPICS = "Topics"
SUGGESTIONS = "Suggested Themes"
N_TESTS = 8

results = []


def report(ok, name, detail=""):
    results.append(ok)
    line = "%s %d - %s" % ("ok" if ok else "not ok", len(results), name)
    if detail:
        line += " # " + detail if ok else "\n# " + detail.replace("\n", "\n# ")
    print(line, flush=True)


def bail(message):
    print("Bail out! " + message, flush=True)
    sys.exit(1)


def require_tools():
    if shutil.which("xdotool") is None:
        bail("xdotool is missing: install the Debian package xdotool")
    if not any(os.path.exists(os.path.join(d, "at-spi-bus-launcher"))
               for d in ("/usr/libexec", "/usr/lib/at-spi2-core")):
        bail("the accessibility bus is missing: install the Debian package at-spi2-core")
    if "COUNTERPOINT_APP" not in os.environ:
        bail("COUNTERPOINT_APP must name the built counterpoint (meson test sets it)")


def wait_for(what, func, timeout=DEADLINE):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = func()
        if value:
            return value
        time.sleep(0.2)
    bail("timed out waiting for " + what)


def children(node):
    try:
        return [c for c in node if c is not None]
    except Exception:
        return []


def walk(node, prune=None):
    """Depth first, @node included; @prune(node) skips what is under it."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        if prune is not None and prune(n):
            continue
        stack.extend(reversed(children(n)))


def state(node, s):
    try:
        return node.getState().contains(s)
    except Exception:
        return False


def role(node):
    try:
        return node.getRole()
    except Exception:
        return None


def ancestors(node):
    n = node.parent
    while n is not None:
        yield n
        n = n.parent


def find_app():
    for app in children(pyatspi.Registry.getDesktop(0)):
        if app.name == "counterpoint":
            return app
    return None


def is_leaf(node):
    # A review's text has no children worth reading here. (GTK 4.8 marks
    # few containers as showing, so that state cannot prune the walk.)
    return role(node) == pyatspi.ROLE_TEXT


def find_all(app, predicate):
    return [n for n in walk(app, prune=is_leaf) if predicate(n)]


def focused(app):
    found = find_all(app, lambda n: state(n, pyatspi.STATE_FOCUSED))
    return found[-1] if found else None


def key(name):
    subprocess.run(["xdotool", "key", "--clearmodifiers", name], check=True)


def main():
    require_tools()
    samples_dir = os.path.join(os.environ.get("COUNTERPOINT_DATADIR", "data"), "samples")
    samples = sorted(os.path.join(samples_dir, f) for f in os.listdir(samples_dir) if f.endswith(".txt"))
    env = dict(os.environ)
    # The other app tests turn GTK's accessibility off; this one needs it.
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    if APP_G_DEBUG is not None:
        env["G_DEBUG"] = APP_G_DEBUG
    app_process = subprocess.Popen([os.environ["COUNTERPOINT_APP"]] + samples, env=env)

    print("1..%d" % N_TESTS, flush=True)
    try:
        app = wait_for("the app on the accessibility bus", find_app)
        menus = wait_for("the reviews' panes",
                         lambda: [n for n in find_all(app, lambda n: n.name == REVIEW_MENU)
                                  if role(n) in (pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON)])
        n_panes = len(samples)

        # A review's buttons, by name, as many as there are reviews
        panes = wait_for("every review's pane",
                         lambda: [m for m in find_all(app, lambda n: n.name == REVIEW_MENU and state(n, pyatspi.STATE_FOCUSABLE))]
                         if len(find_all(app, lambda n: n.name == CLOSE_REVIEW)) == n_panes else None)
        report(len(panes) == n_panes, "each review's menu button is named “%s”" % REVIEW_MENU,
               "%d of %d" % (len(panes), n_panes))
        closes = find_all(app, lambda n: n.name == CLOSE_REVIEW and role(n) == pyatspi.ROLE_PUSH_BUTTON)
        report(len(closes) == n_panes, "each review's close button is named “%s”" % CLOSE_REVIEW,
               "%d of %d" % (len(closes), n_panes))

        # No button is left with GTK's type name for a name
        unnamed = [n for n in find_all(app, lambda n: role(n) in (pyatspi.ROLE_PUSH_BUTTON,
                                                                  pyatspi.ROLE_TOGGLE_BUTTON,
                                                                  pyatspi.ROLE_CHECK_BOX))
                   if not n.name or n.name.startswith("Gtk")]
        report(not unnamed, "every button shown has a name",
               ", ".join("%s %r in %s" % (n.getRoleName(), n.name,
                                         " < ".join("%s %r" % (a.getRoleName(), a.name) for a in list(ancestors(n))[:4]))
                         for n in unnamed))

        # Topic rows: named after the topic and its numbers
        topic_list = wait_for("the topic list",
                              lambda: next(iter(find_all(app, lambda n: n.name == TOPICS and role(n) == pyatspi.ROLE_LIST)), None))
        items = [c for c in children(topic_list) if role(c) == pyatspi.ROLE_LIST_ITEM]
        headings = find_all(topic_list, lambda n: role(n) == pyatspi.ROLE_HEADING)
        heading_items = [i for i in items if any(role(n) == pyatspi.ROLE_HEADING for n in walk(i))]
        topic_items = [i for i in items if i not in heading_items]
        bad = []
        for item in topic_items:
            labels = [n.name for n in walk(item) if role(n) == pyatspi.ROLE_LABEL]
            if not labels or not item.name.startswith(labels[0] + ", ") or "review" not in item.name and "hidden" not in item.name and "not mentioned" not in item.name:
                bad.append("%r (labels %r)" % (item.name, labels))
        report(topic_items and not bad, "each topic row is named after its topic and its numbers",
               "; ".join(bad) if bad else "%d rows, e.g. %r" % (len(topic_items), topic_items[0].name if topic_items else ""))

        # Headings: there, named, and no keyboard stop
        stops = [h.name for h in heading_items + headings if state(h, pyatspi.STATE_FOCUSABLE)]
        report(headings and not stops and all(h.name for h in headings),
               "section headings are headings, not focusable",
               "focusable: %r" % stops if stops else "%d headings: %s" % (len(headings), ", ".join(h.name for h in headings)))

        # F6 goes round the regions
        # The reviews' texts, not the entry that renames a review
        text_views = [n for n in walk(app, prune=lambda n: role(n) == pyatspi.ROLE_TEXT) if role(n) == pyatspi.ROLE_TEXT
                      and not state(n, pyatspi.STATE_EDITABLE)
                      and any(a.name == "CpReviewPane" for a in ancestors(n))]
        # The header bar: what holds the named “Topic list” button
        sidebar_button = wait_for("the header bar", lambda: next(iter(find_all(app, lambda n: n.name == "Topic list")), None))
        header_bar = sidebar_button.parent

        def region_of(node):
            if node is None:
                return None
            chain = [node] + list(ancestors(node))
            for n in chain:
                if n.name == TOPICS and role(n) == pyatspi.ROLE_LIST:
                    return "topics"
                if n.name == SUGGESTIONS and role(n) == pyatspi.ROLE_LIST:
                    return "suggestions"
            for i, view in enumerate(text_views):
                if node == view:
                    return "review %d" % (i + 1)
            if header_bar in chain or header_bar.parent in chain:
                return "header bar"
            return "%s %r" % (node.getRoleName(), node.name)

        def press_and_read(keyname, n):
            seen = []
            for _ in range(n):
                before = focused(app)
                key(keyname)
                # Wait for the focus to move (or give up after a while and
                # report where it is)
                end = time.monotonic() + 5
                now = focused(app)
                while now == before and time.monotonic() < end:
                    time.sleep(0.1)
                    now = focused(app)
                seen.append(region_of(now))
            return seen

        def check_cycle(seen, order, forward):
            if not forward:
                order = list(reversed(order))
            if seen[0] not in order:
                return False
            start = order.index(seen[0])
            expected = [order[(start + i) % len(order)] for i in range(len(seen))]
            return seen == expected

        regions = ["header bar", "topics", "suggestions"] + ["review %d" % (i + 1) for i in range(len(text_views))]
        wait_for("suggested themes",
                 lambda: len([c for c in find_all(app, lambda n: n.name == SUGGESTIONS and role(n) == pyatspi.ROLE_LIST)
                              for c in children(c)]) > 0)
        seen = press_and_read("F6", len(regions) + 2)
        report(check_cycle(seen, regions, True) and set(seen) == set(regions),
               "F6 goes round header bar, topics, suggestions and each review", " → ".join(map(str, seen)))
        seen = press_and_read("shift+F6", len(regions) + 1)
        report(check_cycle(seen, regions, False) and set(seen) == set(regions),
               "Shift+F6 goes round the other way", " → ".join(map(str, seen)))

        key("F9")
        time.sleep(1)
        regions = ["header bar"] + ["review %d" % (i + 1) for i in range(len(text_views))]
        seen = press_and_read("F6", len(regions) + 1)
        report(check_cycle(seen, regions, True) and set(seen) == set(regions),
               "with the sidebar hidden (F9), F6 goes round header bar and reviews", " → ".join(map(str, seen)))
    finally:
        app_process.terminate()
        try:
            app_process.wait(10)
        except subprocess.TimeoutExpired:
            app_process.kill()

    return 0 if all(results) and len(results) == N_TESTS else 1


if __name__ == "__main__":
    sys.exit(main())
